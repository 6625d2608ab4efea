using Microsoft.Extensions.Options;

namespace NewsPipeline.Processing;

/// <summary>Fails the start naming the key and the value, instead of a generic "options are invalid".</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var errors = new List<string>();
        if (options.ConcurrentMessages is < 1 or > 1000)
            errors.Add($"Worker:ConcurrentMessages must be between 1 and 1000, not {options.ConcurrentMessages}");
        if (options.MaxAttempts is < 1 or > 20)
            errors.Add($"Worker:MaxAttempts must be between 1 and 20, not {options.MaxAttempts}");
        if (options.AnalysisBudget <= TimeSpan.Zero || options.AnalysisBudget > TimeSpan.FromHours(1))
            errors.Add($"Worker:AnalysisBudget must be a positive time span of at most an hour (e.g. 00:00:05), not {options.AnalysisBudget}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
