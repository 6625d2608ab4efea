using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts.Events;
using Polly;

namespace NewsPipeline.Watcher;

/// <summary>
/// Applies an article's outcome to its file: processing/&lt;name&gt; → done/&lt;name&gt; or failed/&lt;name&gt; (+ reason file).
/// Idempotent: a redelivered outcome finds no file left to move and does nothing.
/// </summary>
public sealed class FileOutcomes(WatcherPaths paths, InFlightFiles inFlight, TimeProvider time, ILogger<FileOutcomes> logger)
{
    public const string ReasonSuffix = ".error.json";

    private readonly ResiliencePipeline _retry = FileSystemRetry.Create(time, logger);

    /// <summary>Returns where the file went, or null when there was nothing (left) to move.</summary>
    public Task<string?> MoveToDoneAsync(string articleId, string fileName, CancellationToken cancellationToken, string claimId = "") =>
        MoveAsync(articleId, fileName, claimId, paths.Done, null, cancellationToken);

    public Task<string?> MoveToFailedAsync(ArticleRejected rejected, CancellationToken cancellationToken) =>
        MoveAsync(rejected.ArticleId, rejected.FileName, rejected.ClaimId, paths.Failed,
            new RejectionReason(rejected.ArticleId, rejected.FileName, rejected.Stage, rejected.Reason, rejected.RejectedAt), cancellationToken);

    private async Task<string?> MoveAsync(string articleId, string fileName, string claimId, string root, RejectionReason? reason, CancellationToken cancellationToken)
    {
        var source = WatcherPaths.Under(paths.Processing, fileName);
        var wanted = WatcherPaths.Under(root, fileName);
        if (source is null || wanted is null)
        {
            logger.LogWarning("Ignoring the outcome for {ArticleId}: file name {FileName} points outside the watcher's folders", articleId, fileName);
            return null;
        }
        if (!InboxWatcher.Exists(source))
        {
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
        if (inFlight.ArticleIdOf(fileName) is { } current && current != articleId)
        {
            logger.LogInformation("Outcome for {ArticleId} from {FileName} ignored: that name now holds {CurrentArticleId}", articleId, fileName, current);
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
            target = await _retry.ExecuteAsync(_ => ValueTask.FromResult(MoveOnce(source, wanted, reason)), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogDebug("Outcome for {ArticleId} from {FileName} already applied: the file was moved meanwhile", articleId, fileName);
            return null;
        }
        // Only a second attempt (or one from before a restart) has a record on disk.
        if (announced is not { Attempts: 1 })
            ClaimRecord.Delete(source);
        inFlight.Release(fileName, time.GetUtcNow());

        var folder = reason is null ? "done" : "failed";
        if (target == wanted)
            logger.LogInformation("Moved {ArticleId} from {FileName} to {Folder}", articleId, fileName, folder);
        else
            logger.LogInformation("Moved {ArticleId} from {FileName} to {Folder} as {StoredAs}: that name was already taken there",
                articleId, fileName, folder, WatcherPaths.ToFileName(root, target));
        return target;
    }

    private static string MoveOnce(string source, string wanted, RejectionReason? reason)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(wanted)!);
        var target = UniqueName(wanted);
        if (reason is not null)
        {
            // Reason first, then the file: a crash in between leaves the file in processing, and the redelivery rewrites
            // the reason (this target name is still free). Temp name + rename, so no reader sees half a reason file.
            var reasonFile = target + ReasonSuffix;
            var temp = Path.Combine(Path.GetDirectoryName(reasonFile)!, $".{Path.GetFileName(reasonFile)}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temp, reason.ToJson());
            File.Move(temp, reasonFile, overwrite: true);
        }
        File.Move(source, target, overwrite: false);
        return target;
    }

    /// <summary>"name.txt", else "name (2).txt", "name (3).txt", …: a later file never overwrites an earlier one.</summary>
    internal static string UniqueName(string wanted)
    {
        if (!InboxWatcher.Exists(wanted))
            return wanted;
        var dir = Path.GetDirectoryName(wanted)!;
        var stem = Path.GetFileNameWithoutExtension(wanted);
        var extension = Path.GetExtension(wanted);
        for (var n = 2; ; n++)
        {
            var candidate = Path.Combine(dir, $"{stem} ({n}){extension}");
            if (!InboxWatcher.Exists(candidate))
                return candidate;
        }
    }
}
