using MassTransit;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;

namespace NewsPipeline.Processing;

/// <summary>
/// Workers are competing consumers on one queue. The analysis is CPU-bound but short (about a millisecond); each
/// message then waits for the broker to confirm its send to the sink, which under load takes tens of milliseconds.
/// With a few messages at a time the workers sat idle on those waits while their queue grew (measured with
/// scripts/bench.sh), so each takes up to Worker:ConcurrentMessages (32) at once: the cores stay busy and the waits overlap.
/// </summary>
public sealed class AnalyseArticleConsumerDefinition : ConsumerDefinition<AnalyseArticleConsumer>
{
    public AnalyseArticleConsumerDefinition(IOptions<WorkerOptions> options)
    {
        EndpointName = Endpoints.Worker;
        ConcurrentMessageLimit = options.Value.ConcurrentMessages;
        _retryIntervals = [.. Enumerable.Range(0, options.Value.MaxAttempts - 1).Select(i => TimeSpan.FromMilliseconds(100 << Math.Min(i, 6)))];
    }

    private readonly TimeSpan[] _retryIntervals;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AnalyseArticleConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (_retryIntervals.Length > 0)
            endpointConfigurator.UseMessageRetry(r => r.Intervals(_retryIntervals));
    }
}
