using NewsPipeline.Contracts;
using MassTransit;

namespace NewsPipeline.Processing;

/// <summary>Workers are competing consumers on one queue; CPU-bound, so concurrency follows the core count.</summary>
public sealed class AnalyseArticleConsumerDefinition : ConsumerDefinition<AnalyseArticleConsumer>
{
    public AnalyseArticleConsumerDefinition()
    {
        EndpointName = Endpoints.Worker;
        ConcurrentMessageLimit = Math.Max(2, Environment.ProcessorCount);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AnalyseArticleConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 1000));
}
