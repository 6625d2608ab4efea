using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Watcher;

/// <summary>
/// Applies an article's outcome to its file: processing/&lt;name&gt; → done/&lt;name&gt; or failed/&lt;name&gt; (+ reason file).
/// Idempotent: a redelivered outcome finds no file left to move and does nothing. One file at a time: an outcome that
/// cannot be written (failed/ on a full disk, a name that fails) is kept here and retried with a growing wait
/// (<see cref="RetryDueAsync"/>), never failing the other files of its message.
/// </summary>
public sealed class FileOutcomes(WatcherPaths paths, InFlightFiles inFlight, TimeProvider time, ILogger<FileOutcomes> logger)
{
    public const string ReasonSuffix = ".error.json";

    /// <summary>
    /// Longest name stored in done/ and failed/, in UTF-8 bytes: room for " (99999)" before the extension and for
    /// <see cref="ReasonSuffix"/> after it within the 255 bytes a name may have. Longer names are shortened (<see cref="Fit"/>).
    /// </summary>
    public const int MaxStoredNameBytes = 255 - 8 - 11;

    /// <summary>The longest wait between two tries of an outcome that could not be written.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);

    /// <summary>Outcomes that came back but could not be written yet, waiting for their next try.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Returns where the file went, or null when there was nothing (left) to move or it is held for a retry.</summary>
    /// <param name="moved">Called once the file is moved, now or at a retry.</param>
    public Task<string?> MoveToDoneAsync(string articleId, string fileName, CancellationToken cancellationToken, string claimId = "", Action? moved = null) =>
        MoveAsync(new Held(articleId, fileName, claimId, null, moved, 0, default), cancellationToken);

    public Task<string?> MoveToFailedAsync(ArticleRejected rejected, CancellationToken cancellationToken, Action? moved = null) =>
        MoveAsync(new Held(rejected.ArticleId, rejected.FileName, rejected.ClaimId,
            new RejectionReason(rejected.ArticleId, rejected.FileName, rejected.Stage, rejected.Reason, rejected.RejectedAt), moved, 0, default), cancellationToken);

    /// <summary>Tries again the held outcomes whose wait is over; returns how many were moved.</summary>
    public async Task<int> RetryDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var moved = 0;
        foreach (var (fileName, held) in _held.ToArray())
        {
            if (held.RetryAt > now || cancellationToken.IsCancellationRequested)
                continue;
            if (!_held.TryRemove(new KeyValuePair<string, Held>(fileName, held)))
                continue;
            if (await MoveAsync(held, cancellationToken) is not null)
                moved++;
        }
        return moved;
    }

    private Task<string?> MoveAsync(Held outcome, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<string?>(cancellationToken) : Task.FromResult(Move(outcome));

    private string? Move(Held outcome)
    {
        var (articleId, fileName, claimId, reason) = (outcome.ArticleId, outcome.FileName, outcome.ClaimId, outcome.Reason);
        var root = reason is null ? paths.Done : paths.Failed;
        var source = WatcherPaths.Under(paths.Processing, fileName);
        var wanted = WatcherPaths.Under(root, fileName);
        if (source is null || wanted is null)
        {
            logger.LogWarning("Ignoring the outcome for {ArticleId}: file name {FileName} points outside the watcher's folders", articleId, fileName);
            return null;
        }
        if (!InboxWatcher.Exists(source))
        {
            if (inFlight.ArticleIdOf(fileName) == articleId && (claimId.Length == 0 || inFlight.ClaimIdOf(fileName) is not { Length: > 0 } current || current == claimId))
            {
                // Not an outcome applied before (that released the name): the claimed file was deleted from processing.
                logger.LogWarning("Outcome for {ArticleId} from {FileName} (claim {ClaimId}) has no file to move: it was removed from the processing folder",
                    articleId, fileName, claimId);
                inFlight.Forget(fileName);
                return null;
            }
            logger.LogInformation("Outcome for {ArticleId} from {FileName} (claim {ClaimId}) ignored: already applied, no such file in the processing folder",
                articleId, fileName, claimId);
            return null;
        }
        var announced = inFlight.ClaimOf(fileName);
        var claim = announced ?? ClaimRecord.Read(source);
        if (claimId.Length > 0 && (inFlight.ClaimIdOf(fileName) ?? claim?.ClaimId) is { Length: > 0 } currentClaim && currentClaim != claimId)
        {
            // A late or repeated outcome of an earlier delivery of this name; the file there now waits for its own.
            logger.LogInformation("Outcome for {ArticleId} from {FileName} ignored: it is for claim {ClaimId}, the file there now is claim {CurrentClaimId}",
                articleId, fileName, claimId, currentClaim);
            return null;
        }
        if (inFlight.ArticleIdOf(fileName) is { } currentId && currentId != articleId)
        {
            logger.LogInformation("Outcome for {ArticleId} from {FileName} ignored: that name now holds {CurrentArticleId}", articleId, fileName, currentId);
            return null;
        }
        if (claim is not null && new FileInfo(source) is { LinkTarget: null } file && !claim.Matches(file))
        {
            // The outcome is for the content as claimed; what is there now is another delivery.
            logger.LogWarning("{FileName} changed after it was claimed ({ClaimedLength} bytes, now {Length}): not moved; its new content is announced as a new delivery",
                fileName, claim.Length, file.Length);
            inFlight.MarkOverdue(fileName, articleId);
            return null;
        }

        string target;
        try
        {
            target = MoveOnce(source, wanted, reason);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && !InboxWatcher.Exists(source))
        {
            logger.LogDebug("Outcome for {ArticleId} from {FileName} already applied: the file was moved meanwhile", articleId, fileName);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Hold(outcome, e);
            return null;
        }
        // Only a second attempt (or one from before a restart) has a record on disk.
        if (announced is not { Attempts: 1 })
            ClaimRecord.Delete(source);
        inFlight.Release(fileName, time.GetUtcNow());
        outcome.Moved?.Invoke();

        var folder = reason is null ? "done" : "failed";
        if (target == wanted)
            logger.LogInformation("Moved {ArticleId} from {FileName} to {Folder}", articleId, fileName, folder);
        else
            logger.LogInformation("Moved {ArticleId} from {FileName} to {Folder} as {StoredAs}: that name was already taken there or too long",
                articleId, fileName, folder, WatcherPaths.ToFileName(root, target));
        return target;
    }

    /// <summary>
    /// The watcher's own disk failed the outcome: the file stays in processing and the outcome is tried again here,
    /// after 1 s, 2 s, 4 s … at most <see cref="MaxRetryWait"/> (by the scan loop, so at its next scan after that). It is
    /// not announced again meanwhile (the sink did answer). This is the only retry: a retry in place held the message
    /// and every file after it for as long as a full disk stayed full.
    /// </summary>
    private void Hold(Held outcome, Exception e)
    {
        var failures = outcome.Failures + 1;
        var wait = TimeSpan.FromSeconds(Math.Min(MaxRetryWait.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 16))));
        _held[outcome.FileName] = outcome with { Failures = failures, RetryAt = time.GetUtcNow() + wait };
        inFlight.OutcomeHeld(outcome.FileName);
        var folder = outcome.Reason is null ? "done" : "failed";
        // Relative names only: the exception's message carries the absolute path.
        var why = e.Message.Replace(paths.Processing, "processing", StringComparison.Ordinal)
            .Replace(paths.Done, "done", StringComparison.Ordinal).Replace(paths.Failed, "failed", StringComparison.Ordinal);
        logger.LogWarning("Could not move {FileName} ({ArticleId}) to {Folder} (try {Failures}): {Error}; it stays in processing and is tried again in {RetryIn}",
            outcome.FileName, outcome.ArticleId, folder, failures, why, wait);
    }

    private static string MoveOnce(string source, string wanted, RejectionReason? reason)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(wanted)!);
        var target = UniqueName(wanted);
        if (reason is not null)
        {
            // Reason first, then the file: a crash in between leaves the file in processing, and the redelivery rewrites
            // the reason (this target name is still free). Temp name + rename, so no reader sees half a reason file; a
            // short temp name, so that it fits wherever the reason file's name does.
            var reasonFile = target + ReasonSuffix;
            var temp = Path.Combine(Path.GetDirectoryName(reasonFile)!, $".{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllBytes(temp, reason.ToJson());
                File.Move(temp, reasonFile, overwrite: true);
            }
            catch
            {
                DeleteQuietly(temp); // a full disk must not fill up further with empty temp files
                throw;
            }
        }
        try
        {
            File.Move(source, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(source) && File.Exists(target))
        {
            // done/ or failed/ on another file system: the move is a copy, and a full disk leaves part of one.
            DeleteQuietly(target);
            throw;
        }
        return target;
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort; the hidden leftover is never taken for a file.
        }
    }

    /// <summary>
    /// "name.txt", else "name (2).txt", "name (3).txt", …: a later file never overwrites an earlier one. A name longer
    /// than <see cref="MaxStoredNameBytes"/> is shortened first (<see cref="Fit"/>).
    /// </summary>
    internal static string UniqueName(string wanted)
    {
        var dir = Path.GetDirectoryName(wanted)!;
        wanted = Path.Combine(dir, Fit(Path.GetFileName(wanted)));
        if (!InboxWatcher.Exists(wanted))
            return wanted;
        var stem = Path.GetFileNameWithoutExtension(wanted);
        var extension = Path.GetExtension(wanted);
        for (var n = 2; ; n++)
        {
            var candidate = Path.Combine(dir, $"{stem} ({n}){extension}");
            if (!InboxWatcher.Exists(candidate))
                return candidate;
        }
    }

    /// <summary>
    /// A name of at most <see cref="MaxStoredNameBytes"/> UTF-8 bytes: longer ones keep their start (whole characters),
    /// then '~' and 8 hex digits of a hash of the whole name (two long names with the same start stay apart), then
    /// their extension. The reason file keeps the full name.
    /// </summary>
    internal static string Fit(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxStoredNameBytes)
            return name;
        var extension = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(extension) > 16)
            extension = "";
        var stem = name[..^extension.Length];
        var hash = "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 4));
        var budget = MaxStoredNameBytes - Encoding.UTF8.GetByteCount(extension) - hash.Length;
        int chars = 0, bytes = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > budget)
                break;
            bytes += rune.Utf8SequenceLength;
            chars += rune.Utf16SequenceLength;
        }
        return stem[..chars] + hash + extension;
    }

    private sealed record Held(string ArticleId, string FileName, string ClaimId, RejectionReason? Reason, Action? Moved, int Failures, DateTimeOffset RetryAt);
}
