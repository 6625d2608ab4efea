using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;

namespace NewsPipeline.Watcher;

/// <summary>
/// Every final outcome moves its file out of the processing folder: processed or duplicate → done/, rejected → failed/.
/// The sink sends one notice per batch, after the batch's public events are published.
/// </summary>
/// <remarks>Only a move counts in the metrics: a late or repeated outcome moves nothing, so each file counts once.</remarks>
public sealed class FileOutcomeConsumer(FileOutcomes outcomes, ILogger<FileOutcomeConsumer> logger, InFlightFiles inFlight, WatcherMetrics metrics, TimeProvider time)
    : IConsumer<FilesRecorded>
{
    public async Task Consume(ConsumeContext<FilesRecorded> context)
    {
        // The sink answered, whatever happens to the files below: nothing is held back on its account.
        inFlight.OutcomeArrived(time.GetUtcNow());
        // One file after another, each on its own: a file whose outcome cannot be written is held and retried by
        // FileOutcomes; it never faults the message, which would strand its batch-mates in processing.
        foreach (var file in context.Message.Files)
        {
            using var scope = Scope(file.ArticleId, file.FileName);
            var claimedAt = inFlight.FirstAnnouncedAtOf(file.FileName);
            await ApplyAsync(file.FileName, () => outcomes.MoveToDoneAsync(file.ArticleId, file.FileName, context.CancellationToken, file.ClaimId,
                () => metrics.Completed(file.FileName, file.Status, null, file.Category, claimedAt)), context.CancellationToken);
        }
        foreach (var rejected in context.Message.Rejected)
        {
            using var scope = Scope(rejected.ArticleId, rejected.FileName);
            var claimedAt = inFlight.FirstAnnouncedAtOf(rejected.FileName);
            await ApplyAsync(rejected.FileName, () => outcomes.MoveToFailedAsync(rejected, context.CancellationToken,
                () => metrics.Completed(rejected.FileName, "rejected", rejected.Stage, null, claimedAt)), context.CancellationToken);
        }
    }

    private async Task ApplyAsync(string fileName, Func<Task<string?>> move, CancellationToken cancellationToken)
    {
        try
        {
            await move();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not a file-system error (those are held and retried): a defect. The file stays in processing and is
            // announced again when overdue; the other files of the message still get theirs.
            logger.LogError(e, "Could not apply the outcome of {FileName}; it stays in the processing folder", fileName);
        }
    }

    private IDisposable? Scope(string articleId, string fileName) =>
        logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = articleId, ["FileName"] = fileName });
}
