using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Watcher;

/// <summary>Every final outcome moves its file out of the processing folder: processed or duplicate → done/, rejected → failed/.</summary>
/// <remarks>Only a move counts in the metrics: a late or repeated outcome moves nothing, so each file counts once.</remarks>
public sealed class FileOutcomeConsumer(FileOutcomes outcomes, ILogger<FileOutcomeConsumer> logger, InFlightFiles? inFlight = null, WatcherMetrics? metrics = null)
    : IConsumer<ArticleProcessed>, IConsumer<ArticleRejected>
{
    public async Task Consume(ConsumeContext<ArticleProcessed> context)
    {
        var message = context.Message;
        using var scope = Scope(message.ArticleId, message.FileName);
        var claimedAt = inFlight?.FirstAnnouncedAtOf(message.FileName);
        if (await outcomes.MoveToDoneAsync(message.ArticleId, message.FileName, context.CancellationToken, message.ClaimId) is not null)
            metrics?.Completed(message.FileName, message.Status, null, message.Category, claimedAt);
    }

    public async Task Consume(ConsumeContext<ArticleRejected> context)
    {
        var message = context.Message;
        using var scope = Scope(message.ArticleId, message.FileName);
        var claimedAt = inFlight?.FirstAnnouncedAtOf(message.FileName);
        if (await outcomes.MoveToFailedAsync(message, context.CancellationToken) is not null)
            metrics?.Completed(message.FileName, "rejected", message.Stage, null, claimedAt);
    }

    private IDisposable? Scope(string articleId, string fileName) =>
        logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = articleId, ["FileName"] = fileName });
}
