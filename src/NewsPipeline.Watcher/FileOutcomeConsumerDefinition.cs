using MassTransit;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Watcher;

/// <summary>
/// A named, durable queue the sink sends this watcher's outcomes to (the queue travels with each batch), so outcomes
/// recorded while the watcher was down wait for it. It is bound to no exchange: the watcher does not consume the public
/// events. Two watchers sharing one inbox share this queue as competing consumers, which is right: any of them can move
/// any file on the shared folders, and the one that finds no file does nothing. Watchers with separate inboxes on one
/// broker each need their own queue (Watcher:OutcomeQueue), or an outcome could reach the watcher that does not hold
/// the file.
/// </summary>
public sealed class FileOutcomeConsumerDefinition : ConsumerDefinition<FileOutcomeConsumer>
{
    public FileOutcomeConsumerDefinition(IOptions<WatcherOptions> options) => EndpointName = options.Value.OutcomeQueue;

    // File-system errors are retried inside (Polly); this covers what is left, e.g. a folder that is briefly unmounted.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<FileOutcomeConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.UseMessageRetry(r => r.Intervals(500, 2000, 5000));
    }
}
