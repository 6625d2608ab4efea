using MassTransit;
using NewsPipeline.Contracts;

namespace NewsPipeline.Sink;

/// <summary>The serialisation point: one message at a time, one active consumer across sink replicas.</summary>
public sealed class StoreArticleConsumerDefinition : ConsumerDefinition<StoreArticleConsumer>
{
    public StoreArticleConsumerDefinition()
    {
        EndpointName = Endpoints.Sink;
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StoreArticleConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.SingleActiveConsumer = true;
    }
}
