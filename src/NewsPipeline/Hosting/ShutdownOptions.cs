using Microsoft.Extensions.Options;

namespace NewsPipeline.Hosting;

/// <summary>Config section "Host": how long Ctrl+C waits for in-flight messages and batches before giving up on them.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Host";

    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options) =>
        options.ShutdownTimeout <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail($"Host:ShutdownTimeout must be positive, not {options.ShutdownTimeout}")
            : ValidateOptionsResult.Success;
}
