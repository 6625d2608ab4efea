using MassTransit;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Sink;

/// <summary>
/// Appends every rejection, from whichever role rejected it, to the store's event log, so subscribers that resume from a
/// cursor see rejections as well as stored articles. Idempotent: a redelivered rejection is logged once.
/// </summary>
public sealed class LogRejectionConsumer(IArticleStore store, EventLogSignal signal) : IConsumer<ArticleRejected>
{
    public async Task Consume(ConsumeContext<ArticleRejected> context)
    {
        await store.AppendRejectionsAsync([context.Message], context.CancellationToken);
        signal.Pulse();
    }
}
