using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;

namespace NewsPipeline.Watcher;

public readonly record struct ScanResult(int Claimed, int Pending);

/// <summary>
/// One watcher's state: recovery of the processing folder, and inbox scans that claim stable files
/// (claim = atomic rename inbox/&lt;name&gt; → processing/&lt;name&gt;) and announce them. Not thread-safe: one loop drives it.
/// </summary>
public sealed class InboxWatcher(WatcherPaths paths, WatcherOptions options, InFlightFiles inFlight, FileAnnouncer announcer, TimeProvider time, ILogger<InboxWatcher> logger,
    WatcherMetrics metrics, FileOutcomes outcomes)
{
    private readonly InboxScanner _scanner = new(options.Patterns, options.IgnorePatterns);
    private readonly StabilityTracker _tracker = new(options.StableFor);
    /// <summary>
    /// Files prepared together, then sent in batches (<see cref="HopBatch"/>) whose confirms are awaited at once: one
    /// message at a time, a scan ran at one broker round trip per file. Claims stay in order; only the sends overlap.
    /// </summary>
    internal const int AnnounceWindow = 4 * HopBatch.MaxArticles;

    private readonly ConcurrentDictionary<string, bool> _unannounced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _noted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    // Names that could not be made safe, logged once for the life of the process (a few at most).
    private readonly HashSet<string> _unsafeNoted = new(StringComparer.Ordinal);
    private bool _holding;

    /// <summary>The last scan left a file in the inbox because its name is still in the processing folder.</summary>
    public bool WaitsForName { get; private set; }

    private enum Claim { Claimed, NameTaken, Vanished, Failed, OtherFileSystem }

    /// <summary>Crash recovery: every file already in the processing folder was claimed but got no outcome; announce it again.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var window = new List<string>(AnnounceWindow);
        RenameUnsafe(_scanner.Scan(paths.Processing, allNames: true).Where(e => e.Kind == InboxEntryKind.UnsafeName).Select(e => e.FullPath).ToHashSet(), "processing folder");
        foreach (var entry in _scanner.Scan(paths.Processing, allNames: true).Where(e => e.Kind is not (InboxEntryKind.LinkedFolder or InboxEntryKind.UnsafeName)).ToList())
        {
            if (cancellationToken.IsCancellationRequested)
                break;
            logger.LogInformation("Re-announcing {FileName} left in the processing folder by an earlier run", entry.FileName);
            await AddToWindowAsync(window, entry.FileName, false, cancellationToken);
            count++;
        }
        await AnnounceAllAsync(window, false, cancellationToken);
        return count;
    }

    public async Task<ScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        // Outcomes that came back but could not be written (the watcher's disk) are the watcher's to retry.
        await outcomes.RetryDueAsync(cancellationToken);
        // A send that failed was no attempt: a fresh claim stays fresh.
        foreach (var fresh in new[] { true, false })
            await AnnounceAllAsync([.. _unannounced.Where(u => u.Value == fresh).Select(u => u.Key)], fresh, cancellationToken);

        var now = time.GetUtcNow();
        var overdue = new List<string>();
        var (due, held) = inFlight.Overdue(now, options.ReannounceAfter);
        if (held > 0 != _holding)
        {
            if (held > 0)
                logger.LogWarning("Holding the re-announcement of {Count} overdue files: no outcome has come back for a while, so the sink or its store looks down; announcing one at a time as a probe", held);
            else
                logger.LogInformation("No longer holding re-announcements: outcomes are coming back");
            _holding = held > 0;
        }
        foreach (var (fileName, waited) in due)
        {
            if (WatcherPaths.Under(paths.Processing, fileName) is not { } path)
                continue;
            if (!Exists(path))
            {
                // Gone without an outcome (deleted by hand), or moved by its outcome a moment ago: either way it no
                // longer waits (Release after a move finds nothing left to remove).
                logger.LogWarning("{FileName} ({ArticleId}) is no longer in the processing folder and had no outcome; no longer waiting for it",
                    fileName, inFlight.ArticleIdOf(fileName));
                inFlight.Forget(fileName);
                continue;
            }
            logger.LogWarning("No outcome for {FileName} ({ArticleId}) after {Waited}; announcing it again", fileName, inFlight.ArticleIdOf(fileName), waited);
            overdue.Add(fileName);
        }
        await AnnounceAllAsync(overdue, false, cancellationToken);

        // Streamed, not listed first: under a backlog of 100,000 files a list of them per scan was most of the heap.
        // One set of names seen for every scan, emptied after use (and before, should a scan have thrown): grown from
        // empty at every scan of a 100,000-file inbox it allocated a few MB of large objects each time.
        var present = _present;
        present.Clear();

        // Announced files without their outcome are bounded: the backlog beyond them stays in the inbox.
        var room = options.MaxInFlight - inFlight.Count - _unannounced.Count;
        var nameTaken = 0;
        int claimed = 0, pending = 0, waiting = 0;
        DateTime? oldest = null;
        var window = new List<string>(AnnounceWindow);
        var unsafeFolders = new HashSet<string>(StringComparer.Ordinal);
        // Claims must be renames: a file on another file system (a mount inside the inbox) would be copied instead.
        var inboxDevice = LinuxFiles.Stat(paths.Inbox)?.Device;
        foreach (var entry in _scanner.Scan(paths.Inbox))
        {
            if (cancellationToken.IsCancellationRequested)
                break;
            present.Add(entry.FileName);
            if (entry.Kind == InboxEntryKind.UnsafeName)
            {
                unsafeFolders.Add(entry.FullPath);
                continue;
            }
            if (entry.Kind == InboxEntryKind.LinkInside)
            {
                if (_noted.Add(entry.FileName))
                    logger.LogInformation("Skipping {FileName}: a link to {LinkTarget} inside the inbox, which is taken on its own", entry.FileName,
                        WatcherPaths.ToFileName(paths.Inbox, entry.LinkTarget!));
                continue;
            }
            if (entry.Kind == InboxEntryKind.LinkedFolder)
            {
                if (_noted.Add(entry.FileName))
                    logger.LogWarning("Skipping {FileName}: a link to the folder {LinkTarget}; linked folders are not followed", entry.FileName,
                        SafeNames.ForLog(entry.LinkTarget ?? ""));
                continue;
            }
            if (!_tracker.IsStable(entry.FileName, entry.Length, entry.LastWriteUtc, now))
            {
                pending++;
                Waiting(entry);
                continue;
            }
            if (claimed >= room)
            {
                // Stable, and claimed by a later scan once outcomes come back (InFlightFiles.Released wakes it).
                Waiting(entry);
                continue;
            }
            if (entry.Kind == InboxEntryKind.File && LinuxFiles.IsOpenForWriting(entry.FullPath))
            {
                // Quiet for StableFor, but a writer still holds it open (a download that pauses): claimed once closed.
                // After the room check, so a backlog is not opened file by file at every scan.
                pending++;
                Waiting(entry);
                if (_noted.Add(entry.FileName))
                    logger.LogInformation("Leaving {FileName} in the inbox: unchanged for {StableFor} but still open for writing", entry.FileName, options.StableFor);
                continue;
            }
            var claim = TryClaim(entry, inboxDevice);
            if (claim is Claim.NameTaken or Claim.Failed or Claim.OtherFileSystem)
                Waiting(entry);
            if (claim is Claim.NameTaken)
                nameTaken++;
            switch (claim)
            {
                case Claim.Claimed:
                    _tracker.Forget(entry.FileName);
                    _noted.Remove(entry.FileName);
                    claimed++;
                    await AddToWindowAsync(window, entry.FileName, true, cancellationToken);
                    break;
                case Claim.OtherFileSystem when _noted.Add(entry.FileName):
                    logger.LogWarning("Not taking {FileName}: it lies on another file system than the inbox (a mount inside it), and a claim must be a rename",
                        entry.FileName);
                    break;
                case Claim.NameTaken when _noted.Add(entry.FileName):
                    logger.LogInformation("Leaving {FileName} in the inbox until the earlier file of that name ({EarlierArticleId}) has its outcome",
                        entry.FileName, inFlight.ArticleIdOf(entry.FileName));
                    break;
            }
        }
        await AnnounceAllAsync(window, true, cancellationToken);
        // Renamed ones are new names: the next scans take them once stable.
        pending += RenameUnsafe(unsafeFolders, "inbox");
        _tracker.RetainOnly(present);
        _noted.RemoveWhere(n => !present.Contains(n));
        present.Clear();
        WaitsForName = nameTaken > 0;
        metrics.InboxScanned(waiting, oldest is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
        return new ScanResult(claimed, pending);

        // The backlog this scan leaves behind (files not claimed, for whatever reason), for the metrics.
        void Waiting(InboxEntry entry)
        {
            waiting++;
            oldest = oldest is { } o && o <= entry.LastWriteUtc ? o : entry.LastWriteUtc;
        }
    }

    private async Task AddToWindowAsync(List<string> window, string fileName, bool fresh, CancellationToken cancellationToken)
    {
        window.Add(fileName);
        if (window.Count >= AnnounceWindow)
            await AnnounceAllAsync(window, fresh, cancellationToken);
    }

    /// <summary>Prepares the files at once (their file work overlaps), then sends them in batches, the batches at once.</summary>
    /// <param name="fresh">Claimed just now by this watcher: a first attempt (no claim record to read or write).</param>
    private async Task AnnounceAllAsync(List<string> fileNames, bool fresh, CancellationToken cancellationToken)
    {
        var prepared = await Task.WhenAll(fileNames.Select(f => PrepareAsync(f, fresh, cancellationToken)));
        fileNames.Clear();
        await Task.WhenAll(announcer.Batches(prepared.OfType<Announcement>()).Select(b => SendAsync(b, cancellationToken)));
    }

    /// <summary>
    /// Renames the entries of these folders whose names are not valid UTF-8 or hold control characters (<see cref="SafeNames"/>):
    /// they are taken under the new name at a later scan. One that cannot be renamed is logged once and left where it is.
    /// </summary>
    private int RenameUnsafe(IReadOnlySet<string> folders, string where)
    {
        var renamed = 0;
        foreach (var folder in folders)
        {
            foreach (var (safeName, errno) in SafeNames.RenameUnsafe(folder, name => where != "inbox" || _scanner.Matches(name)))
            {
                var fileName = WatcherPaths.ToFileName(where == "inbox" ? paths.Inbox : paths.Processing, Path.Combine(folder, safeName));
                if (errno is null)
                {
                    renamed++;
                    logger.LogWarning("Renamed a file in the {Folder} to {FileName}: its name was not valid UTF-8 or held control characters (each such byte is now %XX)",
                        where, fileName);
                }
                else if (_unsafeNoted.Add(fileName))
                    logger.LogError("Cannot rename {FileName} (its name is not valid UTF-8 or holds control characters; errno {Errno}); it stays in the {Folder} untaken",
                        fileName, errno, where);
            }
            if (!OperatingSystem.IsLinux() && _unsafeNoted.Add(folder))
                logger.LogError("A file in {Folder} has a name that is not valid UTF-8 or holds control characters; it is not taken (renaming it needs Linux)",
                    WatcherPaths.ToFileName(paths.Inbox, folder));
        }
        return renamed;
    }

    private Claim TryClaim(InboxEntry entry, ulong? inboxDevice)
    {
        var target = Path.Combine(paths.Processing, entry.FileName.Replace('/', Path.DirectorySeparatorChar));
        if (Exists(target))
            return Claim.NameTaken;
        if (inboxDevice is { } device && entry.Kind == InboxEntryKind.File && LinuxFiles.Stat(entry.FullPath) is { } file && file.Device != device)
            return Claim.OtherFileSystem;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Same file system (checked at start), so this is a rename: another watcher on the same inbox either wins
            // the whole file or gets "not found".
            File.Move(entry.FullPath, target, overwrite: false);
            logger.LogDebug("Claimed {FileName} ({Length} bytes)", entry.FileName, entry.Length);
            return Claim.Claimed;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogDebug("{FileName} left the inbox before it could be claimed", entry.FileName);
            return Claim.Vanished;
        }
        catch (IOException) when (Exists(target))
        {
            return Claim.NameTaken;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not claim {FileName}, trying again at the next scan: {Reason}", entry.FileName, e.Message);
            return Claim.Failed;
        }
    }

    /// <summary>Null when there is nothing to send: the file vanished, or preparing it failed (it is tried again at the next scan).</summary>
    private async Task<Announcement?> PrepareAsync(string fileName, bool fresh, CancellationToken cancellationToken)
    {
        _unannounced.TryAdd(fileName, fresh);
        // Off the scan's thread at once: an announcement's file work (claim record, read) overlaps the others'.
        await Task.Yield();
        try
        {
            var announcement = await announcer.PrepareAsync(fileName, cancellationToken, fresh);
            if (announcement is null)
                _unannounced.TryRemove(fileName, out _);
            return announcement;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the file stays in the processing folder and is announced at the next start.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not announce {FileName}; it stays in the processing folder and is tried again at the next scan", fileName);
        }
        return null;
    }

    private async Task SendAsync(IReadOnlyList<Announcement> batch, CancellationToken cancellationToken)
    {
        try
        {
            await announcer.SendAsync(batch, cancellationToken);
            foreach (var announcement in batch)
                _unannounced.TryRemove(announcement.FileName, out _);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the files stay in the processing folder and are announced at the next start.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not announce {Count} files ({FileNames}); they stay in the processing folder and are tried again at the next scan",
                batch.Count, string.Join(", ", batch.Select(a => a.FileName).Take(5)) + (batch.Count > 5 ? ", …" : ""));
        }
    }

    /// <summary>Any entry, including a dangling link (File.Exists follows links and says false for those).</summary>
    internal static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
