using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;

namespace NewsPipeline.Sink;

/// <summary>
/// Decides duplicates, persists, then publishes the public events (again, unchanged, on redelivery). Consumes in
/// batches: one store transaction per batch instead of one per article keeps the single serialisation point fast.
/// </summary>
public sealed class StoreArticleConsumer(ArticleRecorder recorder, TimeProvider time, ILogger<StoreArticleConsumer> logger)
    : IConsumer<Batch<ArticleAnalysed>>
{
    public async Task Consume(ConsumeContext<Batch<ArticleAnalysed>> context)
    {
        var now = time.GetUtcNow();
        var candidates = context.Message.Select(m => EventMapping.ToCandidate(m.Message, now)).ToArray();
        var outcomes = await recorder.RecordManyAsync(candidates, context.CancellationToken);
        var published = new List<Task>(outcomes.Count);
        foreach (var (record, redelivered) in outcomes)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = record.ArticleId, ["FileName"] = record.FileName });
            if (redelivered)
                logger.LogInformation("Article {ArticleId} from {FileName} was already stored; republishing its outcome", record.ArticleId, record.FileName);
            else
                logger.LogInformation("Stored article {ArticleId} from {FileName} as {Status} in story {StoryId}",
                    record.ArticleId, record.FileName, record.Status, record.StoryId);

            // A deterministic MessageId lets subscribers drop the republished copy of an event they already have.
            published.Add(context.Publish(EventMapping.ToEvent(record), publish => publish.MessageId = EventMapping.EventId(record.ArticleId, record.FileName)));
        }
        // Issued in order on one channel, confirmed together: awaiting each broker confirm in turn made the sink's
        // batch as slow as 100 round trips. If any publish fails, the batch is redelivered and republished unchanged.
        await Task.WhenAll(published);
    }
}
