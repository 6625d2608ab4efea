using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;

namespace NewsPipeline.Sink;

/// <summary>Decides duplicates, persists, then publishes the public event (again, unchanged, on redelivery).</summary>
public sealed class StoreArticleConsumer(ArticleRecorder recorder, TimeProvider time, ILogger<StoreArticleConsumer> logger)
    : IConsumer<ArticleAnalysed>
{
    public async Task Consume(ConsumeContext<ArticleAnalysed> context)
    {
        var message = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = message.ArticleId });
        var (record, redelivered) = await recorder.RecordAsync(EventMapping.ToCandidate(message, time.GetUtcNow()), context.CancellationToken);
        if (redelivered)
            logger.LogInformation("Article {ArticleId} from {FileName} was already stored; republishing its outcome", record.ArticleId, record.FileName);
        else
            logger.LogInformation("Stored article {ArticleId} from {FileName} as {Status} in story {StoryId}",
                record.ArticleId, record.FileName, record.Status, record.StoryId);

        // A deterministic MessageId lets subscribers drop the republished copy of an event they already have.
        await context.Publish(EventMapping.ToEvent(record), publish => publish.MessageId = EventMapping.EventId(record.ArticleId, record.FileName));
    }
}
