using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsPipeline.Watcher;

/// <summary>
/// Drives the <see cref="InboxWatcher"/>: recovery first, then scans whenever a file-system event hints at a change,
/// while a file waits to become stable, or every RescanInterval as the safety net (events get lost or never come).
/// </summary>
public sealed class WatcherService(
    InboxWatcher watcher, WatcherPaths paths, WatcherOptions options, InFlightFiles inFlight,
    IHostApplicationLifetime lifetime, TimeProvider time, ILogger<WatcherService> logger,
    Func<CancellationToken, Task>? busReady = null) : BackgroundService
{
    /// <summary>The shortest time from one scan's start to the next's.</summary>
    internal static readonly TimeSpan ScanGap = TimeSpan.FromMilliseconds(25);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Announcing needs a started bus, and the outcome consumer must listen before the first outcome can come back.
        await WhenStartedAsync(stoppingToken);
        // The host's start does not wait for the broker: until the outcome queue is bound, an outcome published (a
        // rejection at the watcher, or a fast worker) would be dropped by the broker and its file stay in processing.
        if (busReady is not null)
            await busReady(stoppingToken);
        inFlight.Released += Released;
        try
        {
            var recovered = await watcher.RecoverAsync(stoppingToken);
            using var events = CreateFileSystemWatcher();
            logger.LogInformation("Watching {Inbox} for {Patterns}; claimed files go to {Processing}; re-announced {Recovered} file(s) from an earlier run",
                paths.Inbox, options.Patterns, paths.Processing, recovered);
            while (!stoppingToken.IsCancellationRequested)
            {
                // Claim nothing while the bus cannot carry the work (broker away, an endpoint not consuming).
                if (busReady is not null)
                    await busReady(stoppingToken);
                var started = time.GetTimestamp();
                var scan = await watcher.ScanAsync(stoppingToken);
                await WaitAsync(scan.Pending > 0 ? options.StableFor : options.RescanInterval, stoppingToken);
                // Files written one after another wake the watcher once each: a scan per file lists the whole inbox
                // every time and claims one file a scan, so each travels in a message of its own. Scans at most every
                // ScanGap take the files of that gap together; a file waits StableFor before it is claimed anyway.
                if (time.GetElapsedTime(started) is var since && since < ScanGap)
                    await Task.Delay(ScanGap - since, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            inFlight.Released -= Released;
        }
        logger.LogInformation("Stopped watching {Inbox}; claimed files without an outcome stay in {Processing} and are announced again at the next start",
            paths.Inbox, paths.Processing);
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// An outcome came back. A scan lists the whole inbox, so under a backlog it runs once half the in-flight room is
    /// free, not once per outcome; a file waiting for its name to be freed is claimed at once.
    /// </summary>
    private void Released()
    {
        if (inFlight.Count <= options.MaxInFlight / 2 || watcher.WaitsForName)
            Wake();
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(delay, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token);
            _wake.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The interval elapsed without a hint: scan anyway.
        }
    }

    private FileSystemWatcher? CreateFileSystemWatcher()
    {
        try
        {
            var events = new FileSystemWatcher(paths.Inbox)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite,
                InternalBufferSize = 64 * 1024,
            };
            events.Created += (_, _) => Wake();
            events.Changed += (_, _) => Wake();
            events.Renamed += (_, _) => Wake();
            events.Error += (_, e) =>
            {
                logger.LogWarning(e.GetException(), "File-system events for {Inbox} were lost; the rescan catches up", paths.Inbox);
                Wake();
            };
            events.EnableRaisingEvents = true;
            return events;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // E.g. the inotify watch limit: scanning still works, only slower to notice new files.
            logger.LogWarning(e, "No file-system events for {Inbox}; relying on a rescan every {RescanInterval}", paths.Inbox, options.RescanInterval);
            return null;
        }
    }
}
