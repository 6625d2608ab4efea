using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;

namespace NewsPipeline.Watcher;

/// <summary>
/// Every final outcome moves its file out of the processing folder: processed or duplicate → done/, rejected → failed/.
/// The sink sends one notice per batch, after the batch's public events are published.
/// </summary>
/// <remarks>Only a move counts in the metrics: a late or repeated outcome moves nothing, so each file counts once.</remarks>
public sealed class FileOutcomeConsumer(FileOutcomes outcomes, ILogger<FileOutcomeConsumer> logger, InFlightFiles? inFlight = null, WatcherMetrics? metrics = null)
    : IConsumer<FilesRecorded>
{
    public async Task Consume(ConsumeContext<FilesRecorded> context)
    {
        // One file after another: a redelivered notice (after a failure part-way) finds the moved ones gone and skips them.
        foreach (var file in context.Message.Files)
        {
            using var scope = Scope(file.ArticleId, file.FileName);
            var claimedAt = inFlight?.FirstAnnouncedAtOf(file.FileName);
            if (await outcomes.MoveToDoneAsync(file.ArticleId, file.FileName, context.CancellationToken, file.ClaimId) is not null)
                metrics?.Completed(file.FileName, file.Status, null, file.Category, claimedAt);
        }
        foreach (var rejected in context.Message.Rejected)
        {
            using var scope = Scope(rejected.ArticleId, rejected.FileName);
            var claimedAt = inFlight?.FirstAnnouncedAtOf(rejected.FileName);
            if (await outcomes.MoveToFailedAsync(rejected, context.CancellationToken) is not null)
                metrics?.Completed(rejected.FileName, "rejected", rejected.Stage, null, claimedAt);
        }
    }

    private IDisposable? Scope(string articleId, string fileName) =>
        logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = articleId, ["FileName"] = fileName });
}
