using MassTransit;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Watcher;

/// <summary>
/// A named, durable queue bound to both public events, so the watcher receives every outcome, including those
/// published while it was down. Two watchers sharing one inbox share this queue as competing consumers, which is
/// right: any of them can move any file on the shared folders, and the one that finds no file does nothing.
/// Watchers with separate inboxes on one broker each need their own queue (Watcher:OutcomeQueue): on a shared queue an
/// outcome could reach the watcher that does not hold the file, and the file would wait in processing until a restart.
/// </summary>
public sealed class FileOutcomeConsumerDefinition : ConsumerDefinition<FileOutcomeConsumer>
{
    public FileOutcomeConsumerDefinition(IOptions<WatcherOptions> options) => EndpointName = options.Value.OutcomeQueue;

    // File-system errors are retried inside (Polly); this covers what is left, e.g. a folder that is briefly unmounted.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<FileOutcomeConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(500, 2000, 5000));
}
