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

    /// <summary>The process's exit code once the watcher failed: a process manager restarts a role that exits non-zero.</summary>
    public const int FailedExitCode = 3;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // Set when the inbox folder was removed, replaced or its events failed: its watch is dead and is set up again.
    private volatile bool _rewatch;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The host stops when a background service fails, but its Run returns normally: without this the process
            // would exit 0 and a process manager (Restart=on-failure) would leave the role down.
            Environment.ExitCode = FailedExitCode;
            logger.LogCritical(e, "The watcher failed and stops; the process exits with code {ExitCode}", FailedExitCode);
            throw;
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        // Announcing needs a started bus, and the outcome consumer must listen before the first outcome can come back.
        await WhenStartedAsync(stoppingToken);
        // The host's start does not wait for the broker: until the outcome queue is bound, an outcome published (a
        // rejection at the watcher, or a fast worker) would be dropped by the broker and its file stay in processing.
        if (busReady is not null)
            await busReady(stoppingToken);
        inFlight.Released += Released;
        FileSystemWatcher? events = null;
        try
        {
            var recovered = await watcher.RecoverAsync(stoppingToken);
            // The inbox's parent tells when the inbox itself is removed or created again; its own watch dies with it.
            using var parent = CreateParentWatcher();
            events = CreateFileSystemWatcher();
            var watched = LinuxFiles.Stat(paths.Inbox);
            logger.LogInformation("Watching {Inbox} for {Patterns}; claimed files go to {Processing}; re-announced {Recovered} file(s) from an earlier run",
                paths.Inbox, options.Patterns, paths.Processing, recovered);
            while (!stoppingToken.IsCancellationRequested)
            {
                // Claim nothing while the bus cannot carry the work (broker away, an endpoint not consuming).
                if (busReady is not null)
                    await busReady(stoppingToken);
                // Also without any event (no parent watch, events lost): a new folder under the same name is another inode.
                var current = LinuxFiles.Stat(paths.Inbox);
                if (current?.Inode != watched?.Inode || current?.Device != watched?.Device)
                    _rewatch = true;
                if (_rewatch && Directory.Exists(paths.Inbox))
                {
                    _rewatch = false;
                    events?.Dispose();
                    events = CreateFileSystemWatcher();
                    watched = LinuxFiles.Stat(paths.Inbox);
                    logger.LogWarning("The inbox {Inbox} was removed or replaced, or its events failed; watching the folder now there", paths.Inbox);
                }
                var started = time.GetTimestamp();
                var pending = await ScanAsync(stoppingToken);
                await WaitAsync(pending ? options.StableFor : options.RescanInterval, stoppingToken);
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
            events?.Dispose();
            inFlight.Released -= Released;
        }
        logger.LogInformation("Stopped watching {Inbox}; claimed files without an outcome stay in {Processing} and are announced again at the next start",
            paths.Inbox, paths.Processing);
    }

    /// <summary>True when a file waits to become stable. A scan that fails is logged and tried again: one bad entry or a
    /// passing file-system error must not stop the watcher for good.</summary>
    private async Task<bool> ScanAsync(CancellationToken stoppingToken)
    {
        try
        {
            return (await watcher.ScanAsync(stoppingToken)).Pending > 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Scanning {Inbox} failed; trying again in {RescanInterval}", paths.Inbox, options.RescanInterval);
            return false;
        }
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

    private FileSystemWatcher? CreateParentWatcher()
    {
        if (Path.GetDirectoryName(paths.Inbox) is not { } parent || !Directory.Exists(parent))
            return null;
        try
        {
            var events = new FileSystemWatcher(parent, Path.GetFileName(paths.Inbox))
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.DirectoryName,
            };
            FileSystemEventHandler changed = (_, _) =>
            {
                _rewatch = true;
                Wake();
            };
            events.Created += changed;
            events.Deleted += changed;
            events.Renamed += (_, _) => changed(null!, null!);
            events.EnableRaisingEvents = true;
            return events;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            logger.LogWarning(e, "No file-system events for the folder holding {Inbox}: a re-created inbox is noticed at the next rescan", paths.Inbox);
            return null;
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
            events.Deleted += (_, _) => Wake();
            events.Error += (_, e) =>
            {
                // Lost events, or a watch that ended (its folder gone): set up again, and the rescan catches up.
                logger.LogWarning(e.GetException(), "File-system events for {Inbox} were lost; watching again and rescanning", paths.Inbox);
                _rewatch = true;
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
