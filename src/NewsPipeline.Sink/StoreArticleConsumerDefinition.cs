using MassTransit;
using NewsPipeline.Contracts;

namespace NewsPipeline.Sink;

/// <summary>The serialisation point: one batch at a time, one active consumer across sink replicas.</summary>
public sealed class StoreArticleConsumerDefinition : ConsumerDefinition<StoreArticleConsumer>
{
    /// <summary>Big enough to amortise a commit, small enough that a batch's latency stays in milliseconds.</summary>
    public const int BatchSize = 100;

    public StoreArticleConsumerDefinition() => EndpointName = Endpoints.Sink;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StoreArticleConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
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
