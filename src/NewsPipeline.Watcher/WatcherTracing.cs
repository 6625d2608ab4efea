using System.Diagnostics;

namespace NewsPipeline.Watcher;

/// <summary>
/// The watcher's spans (source <see cref="SourceName"/>): "claim" begins the trace of a batch of claimed files; the bus
/// carries its context in the message headers, so the workers' and the sink's spans, up to the public event, are its
/// children. The executable decides who listens.
/// </summary>
public static class WatcherTracing
{
    public const string SourceName = "NewsPipeline.Watcher";
    public const string Claim = "claim";

    public static readonly ActivitySource Source = new(SourceName);
}
