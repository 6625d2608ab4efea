using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Sink;

/// <summary>
/// Records a batch (<see cref="ArticleRecorder"/>), then publishes its public events (again, unchanged, on
/// redelivery). Batches: one store transaction per batch instead of one per article keeps the serialisation point fast.
/// The store's own trouble propagates (the endpoint retries it while it lasts, see the definition); an article that
/// fails for itself is recorded alone, so only it is rejected.
/// </summary>
public sealed class StoreArticleConsumer(ArticleRecorder recorder, TimeProvider time, ILogger<StoreArticleConsumer> logger) : IConsumer<Batch<ArticleAnalysed>>
{
    public async Task Consume(ConsumeContext<Batch<ArticleAnalysed>> context)
    {
        var batch = context.Message.Select(m => m.Message).ToArray();
        IReadOnlyList<RecordedOutcome> outcomes;
        try
        {
            outcomes = await recorder.RecordAsync(batch, context.CancellationToken);
        }
        catch (Exception e) when (!recorder.IsTransient(e) && e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A batch of {Count} failed to record; recording its articles one by one so only the failing one is rejected", batch.Length);
            await RecordOneByOneAsync(context, batch);
            return;
        }
        // Issued in order on one channel, confirmed together: awaiting each broker confirm in turn made the sink's
        // batch as slow as 100 round trips. If any publish fails, the batch is redelivered and republished unchanged.
        await Task.WhenAll(outcomes.Select(o => context.Publish(o.Event, publish => publish.MessageId = o.EventId)));
    }

    /// <summary>Each article alone (recording is idempotent, so those stored before the failure are only republished).</summary>
    private async Task RecordOneByOneAsync(ConsumeContext context, ArticleAnalysed[] batch)
    {
        var published = new List<Task>(batch.Length);
        foreach (var article in batch)
        {
            try
            {
                var outcome = (await recorder.RecordAsync([article], context.CancellationToken))[0];
                published.Add(context.Publish(outcome.Event, publish => publish.MessageId = outcome.EventId));
            }
            catch (Exception e) when (!recorder.IsTransient(e) && e is not OperationCanceledException)
            {
                var rejected = new ArticleRejected(article.ArticleId, article.FileName, Stages.Sink, $"{e.GetType().FullName}: {e.Message}", time.GetUtcNow(), article.ClaimId);
                logger.LogError(e, "Rejected {ArticleId} from {FileName} at {Stage}: it cannot be recorded", article.ArticleId, article.FileName, Stages.Sink);
                published.Add(context.Publish(rejected, publish => publish.MessageId = EventIds.Of(rejected)));
            }
        }
        await Task.WhenAll(published);
    }
}
