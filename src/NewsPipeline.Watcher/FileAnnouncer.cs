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

/// <summary>
/// Announces a claimed file (one in the processing folder): its content is SENT to the worker queue, or, when it cannot
/// become an article here (over the cap, unreadable, a link), an <see cref="ArticleRejected"/> is PUBLISHED so the
/// ordinary outcome path moves it to failed/.
/// </summary>
public sealed class FileAnnouncer(
    WatcherPaths paths, long maxFileBytes, InFlightFiles inFlight, ISendEndpointProvider send, IPublishEndpoint publish,
    TimeProvider time, ILogger<FileAnnouncer> logger)
{
    private readonly ResiliencePipeline _retry = FileSystemRetry.Create(time, logger);

    public async Task<AnnounceResult> AnnounceAsync(string fileName, CancellationToken cancellationToken)
    {
        var path = WatcherPaths.Under(paths.Processing, fileName) ?? throw new ArgumentException($"'{fileName}' is not inside the processing folder", nameof(fileName));
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            // Never read through a link: its target may be anything on the machine (a secret, a device, a huge file).
            var linkId = ContentId.Of(Encoding.UTF8.GetBytes($"link:{fileName}->{target}"));
            return await RejectAsync(linkId, fileName, LinkReason(target), cancellationToken);
        }
        if (!info.Exists)
            return Vanished(fileName);
        if (info.Length > maxFileBytes)
            return await RejectOverCapAsync(path, fileName, info.Length, cancellationToken);

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
            return await RejectAsync(unreadableId, fileName, $"cannot read the file: {e.Message}", cancellationToken);
        }
        if (content.Length > maxFileBytes) // it grew after the size check
            return await RejectAsync(ContentId.Of(content), fileName, OverCap(content.Length), cancellationToken);

        var articleId = ContentId.Of(content);
        inFlight.Add(fileName, articleId, time.GetUtcNow());
        var endpoint = await send.GetSendEndpoint(Endpoints.WorkerQueue);
        await endpoint.Send(new ArticleReceived(articleId, fileName, content, time.GetUtcNow()), cancellationToken);
        logger.LogInformation("Announced {ArticleId} from {FileName} ({Length} bytes)", articleId, fileName, content.Length);
        return AnnounceResult.Sent;
    }

    private async Task<AnnounceResult> RejectOverCapAsync(string path, string fileName, long length, CancellationToken cancellationToken)
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
        return await RejectAsync(articleId, fileName, OverCap(length), cancellationToken);
    }

    private string OverCap(long length) => OverCapReason(length, maxFileBytes);

    /// <summary>The rejection reason for a file over Watcher:MaxFileBytes, the same wherever the cap is applied.</summary>
    public static string OverCapReason(long length, long maxFileBytes) => $"file is {length} bytes, over the {maxFileBytes}-byte cap (Watcher:MaxFileBytes)";

    /// <summary>The rejection reason for a symbolic link, which is never followed.</summary>
    public static string LinkReason(string target) => $"symbolic link to '{target}', outside the inbox, is not followed";

    private async Task<AnnounceResult> RejectAsync(string articleId, string fileName, string reason, CancellationToken cancellationToken)
    {
        inFlight.Add(fileName, articleId, time.GetUtcNow());
        logger.LogWarning("Rejected {ArticleId} from {FileName} at {Stage}: {Reason}", articleId, fileName, Stages.Watcher, reason);
        await publish.Publish(new ArticleRejected(articleId, fileName, Stages.Watcher, reason, time.GetUtcNow()), cancellationToken);
        return AnnounceResult.Rejected;
    }

    private AnnounceResult Vanished(string fileName)
    {
        logger.LogWarning("Claimed file {FileName} vanished from the processing folder before it was announced", fileName);
        return AnnounceResult.Vanished;
    }
}
