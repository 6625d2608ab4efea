using System.CommandLine;
using System.Globalization;
using NewsPipeline.Cli;
using Serilog;

// Two-stage bootstrap: log start-up failures before configuration is read.
Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: CultureInfo.CurrentCulture, standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose).CreateBootstrapLogger();
try
{
    var root = new RootCommand("NewsPipeline: turns a folder of article files into a clean, deduplicated, classified store and a stream of events.")
    {
        RunCommand.Create(),
        ProcessCommand.Create(),
        TailCommand.Create(),
        EvalCommand.Create(),
        RemoveCommand.Create(),
        TrainCommand.Create(),
        HealthCommand.Create(),
        ReplayCommand.Create(),
        StatusCommand.Create(),
    };
    // Commands own their shutdown (the host's graceful stop, or a one-shot's own cancellation).
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
finally
{
    await Log.CloseAndFlushAsync();
}
