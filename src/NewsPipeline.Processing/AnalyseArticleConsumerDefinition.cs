using NewsPipeline.Contracts;
using MassTransit;

namespace NewsPipeline.Processing;

/// <summary>
/// Workers are competing consumers on one queue. The work is CPU-bound, but each message also waits for the broker to
/// confirm its send to the sink; twice the core count keeps the cores busy through that wait.
/// </summary>
public sealed class AnalyseArticleConsumerDefinition : ConsumerDefinition<AnalyseArticleConsumer>
{
    public AnalyseArticleConsumerDefinition()
    {
        EndpointName = Endpoints.Worker;
        ConcurrentMessageLimit = 32;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AnalyseArticleConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 1000));
}
