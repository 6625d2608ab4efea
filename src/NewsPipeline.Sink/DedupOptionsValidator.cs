using Microsoft.Extensions.Options;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Sink;

/// <summary>Names the bad key at start-up instead of a generic "options are invalid".</summary>
internal sealed class DedupOptionsValidator : IValidateOptions<DedupOptions>
{
    public ValidateOptionsResult Validate(string? name, DedupOptions options) =>
        options.Validate().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
