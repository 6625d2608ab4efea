using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;
using Polly;

namespace NewsPipeline.Watcher;

public enum AnnounceResult
{
    Sent,
    Rejected,
    Vanished,
}

/// <summary>One claimed file, ready to travel: its article for the workers, or its rejection for the sink.</summary>
/// <param name="Attempt">Which announcement of this delivery it is (1 for a fresh claim).</param>
public sealed record Announcement(ArticleReceived? Article, ArticleRejected? Rejected, int Attempt)
{
    public string FileName => Article?.FileName ?? Rejected!.FileName;
}

/// <summary>
/// Announces claimed files (in the processing folder): their content is SENT to the worker queue in batches
/// (<see cref="HopBatch"/>), or, for a file that cannot become an article here (over the cap, unreadable, a link), an
/// <see cref="ArticleRejected"/> is sent to the sink, which logs and publishes it; either way the outcome comes back to
/// <paramref name="outcomeQueue"/> and moves the file.
/// </summary>
public sealed class FileAnnouncer(
    WatcherPaths paths, long maxFileBytes, InFlightFiles inFlight, ISendEndpointProvider send, string outcomeQueue,
    TimeProvider time, ILogger<FileAnnouncer> logger, int maxAttempts = WatcherOptions.DefaultMaxAttempts, bool allowHardLinks = false)
{
    private readonly ResiliencePipeline _retry = FileSystemRetry.Create(time, logger);

    /// <summary>
    /// How long a send or publish may wait for the broker. A publish caught by a broker crash can wait for its confirm
    /// forever (RabbitMQ.Client 7.2, docs/reliability.md), which stalled every later scan; past this it fails like any
    /// broker error: the file stays claimed and is announced again (same claim, same ids) at the next scan.
    /// </summary>
    public static readonly TimeSpan BrokerWait = TimeSpan.FromSeconds(10);

    /// <summary>Prepares and sends one file on its own.</summary>
    /// <param name="freshClaim">The file was claimed just now by this watcher (not recovered, not overdue).</param>
    public async Task<AnnounceResult> AnnounceAsync(string fileName, CancellationToken cancellationToken, bool freshClaim = false)
    {
        if (await PrepareAsync(fileName, cancellationToken, freshClaim) is not { } announcement)
            return AnnounceResult.Vanished;
        await SendAsync([announcement], cancellationToken);
        return announcement.Article is null ? AnnounceResult.Rejected : AnnounceResult.Sent;
    }

    /// <summary>
    /// Everything short of sending: the claim's attempt, the read, the checks, the in-flight entry. Null when the file
    /// vanished.
    /// </summary>
    /// <param name="freshClaim">The file was claimed just now by this watcher (not recovered, not overdue).</param>
    public async Task<Announcement?> PrepareAsync(string fileName, CancellationToken cancellationToken, bool freshClaim = false)
    {
        var path = WatcherPaths.Under(paths.Processing, fileName) ?? throw new ArgumentException($"'{fileName}' is not inside the processing folder", nameof(fileName));
        var info = new FileInfo(path);
        if (info.LinkTarget is null && !info.Exists)
            return Vanished(fileName);
        var claim = NextAttempt(path, info, fileName, freshClaim);
        if (info.LinkTarget is { } target)
        {
            // Never read through a link: its target may be anything on the machine (a secret, a device, a huge file).
            var linkId = ContentId.Of(Encoding.UTF8.GetBytes($"link:{fileName}->{target}"));
            return Reject(linkId, fileName, LinkReason(target), claim);
        }
        if (!allowHardLinks && LinuxFiles.Stat(path) is { Links: > 1 } linked)
        {
            // Like a symbolic link: its other name may be anywhere on the file system (a secret hard-linked into the inbox).
            var hardLinkId = ContentId.Of(Encoding.UTF8.GetBytes($"hardlink:{fileName}:{linked.Device}:{linked.Inode}"));
            return Reject(hardLinkId, fileName, HardLinkReason(linked.Links), claim);
        }
        if (info.Length > maxFileBytes)
            return await RejectOverCapAsync(path, fileName, info.Length, claim, cancellationToken);

        byte[] content;
        try
        {
            content = await _retry.ExecuteAsync(static async (p, token) => await File.ReadAllBytesAsync(p, token), path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Vanished(fileName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadableId = ContentId.Of(Encoding.UTF8.GetBytes($"unreadable:{fileName}"));
            // The file's name relative to the inbox, not the absolute path the exception's message carries.
            return Reject(unreadableId, fileName, $"cannot read the file: {e.Message.Replace(path, fileName, StringComparison.Ordinal)}", claim);
        }
        if (content.Length != info.Length || new FileInfo(path).LastWriteTimeUtc != info.LastWriteTimeUtc)
        {
            // Written to while it was read: what was read may be any part of it, so it is not published as an article.
            return Reject(ContentId.Of(content), fileName, ChangedWhileReadReason(info.Length, content.Length), claim);
        }
        if (content.Length > maxFileBytes) // it grew after the size check
            return Reject(ContentId.Of(content), fileName, OverCap(content.Length), claim);

        var articleId = ContentId.Of(content);
        if (claim.Attempts > maxAttempts)
            return Reject(articleId, fileName, AttemptsReason(claim.Attempts - 1, maxAttempts), claim);
        inFlight.Add(fileName, articleId, time.GetUtcNow(), claim.ClaimId, claim);
        logger.LogInformation("Announcing {ArticleId} from {FileName} ({Length} bytes, claim {ClaimId}, attempt {Attempt})",
            articleId, fileName, content.Length, claim.ClaimId, claim.Attempts);
        return new Announcement(new ArticleReceived(articleId, fileName, content, time.GetUtcNow(), claim.ClaimId), null, claim.Attempts);
    }

    /// <summary>
    /// Sends one batch: its articles to the workers in one message, its rejections to the sink in another. A failure
    /// leaves every file of the batch claimed, to be announced again (same claims, same ids).
    /// </summary>
    public async Task SendAsync(IReadOnlyList<Announcement> batch, CancellationToken cancellationToken)
    {
        var articles = batch.Where(a => a.Article is not null).Select(a => a.Article!).ToList();
        var rejected = batch.Where(a => a.Rejected is not null).Select(a => a.Rejected!).ToList();
        // The trace of these files starts here; the sends below are its children, and so is everything downstream.
        using var claim = WatcherTracing.Source.StartActivity(WatcherTracing.Claim, ActivityKind.Producer)?.SetTag("newspipeline.files", batch.Count);
        var sends = new List<Task>(2);
        if (articles.Count > 0)
            sends.Add(SendAsync(Endpoints.WorkerQueue, new ArticlesReceived(outcomeQueue, articles), cancellationToken));
        if (rejected.Count > 0)
            sends.Add(SendAsync(Endpoints.SinkQueue, new ArticlesAnalysed(outcomeQueue, [], rejected), cancellationToken));
        await Task.WhenAll(sends);
    }

    private async Task SendAsync<T>(Uri queue, T message, CancellationToken cancellationToken) where T : class
    {
        var endpoint = await send.GetSendEndpoint(queue);
        await endpoint.Send(message, cancellationToken).WaitAsync(BrokerWait, time, cancellationToken);
    }

    /// <summary>
    /// Batches of at most <see cref="HopBatch.MaxArticles"/> files and <see cref="HopBatch.MaxBytes"/> of content (a
    /// bigger file travels alone). From its third announcement (or its last allowed) a file travels alone: a file that
    /// crashes its worker takes its batch down with it, but only twice, and then only itself, so its batch-mates never
    /// use up their attempts on its account.
    /// </summary>
    public IEnumerable<IReadOnlyList<Announcement>> Batches(IEnumerable<Announcement> announcements)
    {
        var batch = new List<Announcement>();
        long bytes = 0;
        foreach (var a in announcements)
        {
            if (a.Attempt >= Math.Min(3, maxAttempts))
            {
                yield return [a];
                continue;
            }
            var size = a.Article?.Content.Length ?? 0;
            if (batch.Count > 0 && (batch.Count >= HopBatch.MaxArticles || bytes + size > HopBatch.MaxBytes))
            {
                yield return batch;
                (batch, bytes) = ([], 0);
            }
            batch.Add(a);
            bytes += size;
        }
        if (batch.Count > 0)
            yield return batch;
    }

    /// <summary>The rejection reason for a delivery announced as often as Watcher:MaxAttempts allows, without an outcome.</summary>
    public static string AttemptsReason(int attempts, int maxAttempts) =>
        $"announced {attempts} times without an outcome (Watcher:MaxAttempts = {maxAttempts}): its analysis keeps failing, timing out or crashing the worker";

    /// <summary>
    /// This announcement's claim. A file this watcher has just claimed is attempt 1 and needs no record. Otherwise (a
    /// restart's recovery, an overdue outcome) it was announced before: its record, or one attempt when it has none,
    /// plus this one, written down. A file changed since its claim is a new delivery.
    /// </summary>
    private ClaimRecord NextAttempt(string path, FileInfo info, string fileName, bool freshClaim)
    {
        var now = time.GetUtcNow();
        if (freshClaim)
            return ClaimRecord.New(fileName, info, now) with { Attempts = 1 };
        var claim = ClaimRecord.Read(path);
        if (claim is not null && info.LinkTarget is null && !claim.Matches(info))
        {
            logger.LogWarning("{FileName} changed after it was claimed ({ClaimedLength} bytes, written {ClaimedWrite:O}; now {Length} bytes, written {LastWrite:O}): its new content is a new delivery",
                fileName, claim.Length, claim.LastWriteUtc, info.Length, info.LastWriteTimeUtc);
            claim = ClaimRecord.New(fileName, info, now);
        }
        var next = claim is null
            ? ClaimRecord.New(fileName, info, now) with { Attempts = 2 }
            : claim with { Attempts = claim.Attempts + 1 };
        try
        {
            next.Write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without the record a restart starts the count again; the file is still announced.
            logger.LogWarning(e, "Could not record the claim of {FileName}", fileName);
        }
        return next;
    }

    private async Task<Announcement> RejectOverCapAsync(string path, string fileName, long length, ClaimRecord claim, CancellationToken cancellationToken)
    {
        string articleId;
        try
        {
            // Hash the stream rather than load it: same value as ContentId.Of(bytes), without holding an over-cap file in memory.
            await using var stream = File.OpenRead(path);
            articleId = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            articleId = ContentId.Of(Encoding.UTF8.GetBytes($"unreadable:{fileName}"));
        }
        return Reject(articleId, fileName, OverCap(length), claim);
    }

    private string OverCap(long length) => OverCapReason(length, maxFileBytes);

    /// <summary>The rejection reason for a file over Watcher:MaxFileBytes, the same wherever the cap is applied.</summary>
    public static string OverCapReason(long length, long maxFileBytes) => $"file is {length} bytes, over the {maxFileBytes}-byte cap (Watcher:MaxFileBytes)";

    /// <summary>The rejection reason for a symbolic link, which is never followed. Only the target's own name: no absolute path.</summary>
    public static string LinkReason(string target) => $"symbolic link to '{SafeNames.ForLog(Path.GetFileName(target))}', outside the inbox, is not followed";

    /// <summary>The rejection reason for a file with more than one name (Watcher:AllowHardLinks is off).</summary>
    public static string HardLinkReason(uint links) =>
        $"hard link: the file has {links} names and another may lie outside the inbox, so it is not read (Watcher:AllowHardLinks)";

    /// <summary>The rejection reason for a file whose size or time changed while it was read.</summary>
    public static string ChangedWhileReadReason(long length, long read) =>
        $"file changed while being read ({length} bytes when claimed, {read} read): a writer was still writing it; write under a temporary name and rename it when complete";

    private Announcement Reject(string articleId, string fileName, string reason, ClaimRecord claim)
    {
        inFlight.Add(fileName, articleId, time.GetUtcNow(), claim.ClaimId, claim);
        logger.LogWarning("Rejected {ArticleId} from {FileName} at {Stage}: {Reason}", articleId, fileName, Stages.Watcher, reason);
        return new Announcement(null, new ArticleRejected(articleId, fileName, Stages.Watcher, reason, time.GetUtcNow(), claim.ClaimId), claim.Attempts);
    }

    private Announcement? Vanished(string fileName)
    {
        logger.LogWarning("Claimed file {FileName} vanished from the processing folder before it was announced", fileName);
        return null;
    }
}
