using Serilog;
using Serilog.Formatting.Compact;

namespace NewsPipeline.Hosting;

/// <summary>Log:File: one setting for a log file beside the console (compact JSON lines, a new file each day, 7 kept).</summary>
internal static class FileLogExtensions
{
    public const string Key = "Log:File";

    public static LoggerConfiguration WriteToConfiguredFile(this LoggerConfiguration log, IConfiguration configuration) =>
        configuration[Key] is { Length: > 0 } path
            ? log.WriteTo.File(new CompactJsonFormatter(), Path.GetFullPath(path), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7)
            : log;
}
