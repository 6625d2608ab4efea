using MassTransit;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Events;

/// <summary>Feeds the public events of the embedded pipeline to its local subscribers.</summary>
public sealed class EventStreamConsumer(EventBroadcaster broadcaster) : IConsumer<ArticleProcessed>, IConsumer<ArticleRejected>
{
    public Task Consume(ConsumeContext<ArticleProcessed> context)
    {
        broadcaster.Publish(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ArticleRejected> context)
    {
        broadcaster.Publish(context.Message);
        return Task.CompletedTask;
    }
}
