using MassTransit;
using NewsPipeline.Contracts;
using NewsPipeline.Core.Faults;

namespace NewsPipeline.Sink;

/// <summary>The serialisation point: one batch at a time, one active consumer across sink replicas.</summary>
public sealed class StoreArticleConsumerDefinition : ConsumerDefinition<StoreArticleConsumer>
{
    /// <summary>
    /// Worker batches (each up to <see cref="HopBatch.MaxArticles"/> articles) taken into one transaction: up to 256
    /// articles amortise a commit, and a transaction stays short enough that its files' latency stays in milliseconds.
    /// </summary>
    public const int BatchSize = 8;

    /// <summary>1 s, 2 s, 5 s, 10 s, then every 30 s for two hours.</summary>
    private static readonly TimeSpan[] StoreOutageIntervals =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), .. Enumerable.Repeat(TimeSpan.FromSeconds(30), 240)];

    public StoreArticleConsumerDefinition() => EndpointName = Endpoints.Sink;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StoreArticleConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Outer: the article's own faults, a few tries, then Fault (→ rejection). Inner: the store's trouble (down,
        // disk full), retried for about two hours while the batch holds the single consumer, so the sink takes no
        // more work until the store is back; nothing is rejected for it.
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200))
            .Ignore<Exception>(FaultPolicy.IsTransient));
        endpointConfigurator.UseMessageRetry(r => r.Intervals(StoreOutageIntervals).Handle<Exception>(FaultPolicy.IsTransient));
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(20))
            .SetConcurrencyLimit(1));
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = BatchSize * 2;
            rabbit.SingleActiveConsumer = true;
        }
    }
}
