using MassTransit;
using NewsPipeline.Contracts;

namespace NewsPipeline.Sink;

/// <summary>
/// Records a batch (<see cref="ArticleRecorder"/>), then publishes its public events (again, unchanged, on
/// redelivery). Batches: one store transaction per batch instead of one per article keeps the serialisation point fast.
/// </summary>
public sealed class StoreArticleConsumer(ArticleRecorder recorder) : IConsumer<Batch<ArticleAnalysed>>
{
    public async Task Consume(ConsumeContext<Batch<ArticleAnalysed>> context)
    {
        var outcomes = await recorder.RecordAsync(context.Message.Select(m => m.Message).ToArray(), context.CancellationToken);
        // Issued in order on one channel, confirmed together: awaiting each broker confirm in turn made the sink's
        // batch as slow as 100 round trips. If any publish fails, the batch is redelivered and republished unchanged.
        await Task.WhenAll(outcomes.Select(o => context.Publish(o.Event, publish => publish.MessageId = o.EventId)));
    }
}
