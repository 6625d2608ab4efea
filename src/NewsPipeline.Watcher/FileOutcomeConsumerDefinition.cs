using MassTransit;

namespace NewsPipeline.Watcher;

/// <summary>
/// A named, durable queue bound to both public events, so the watcher receives every outcome, including those
/// published while it was down. Two watchers sharing one inbox share this queue as competing consumers, which is
/// right: any of them can move any file on the shared folders, and the one that finds no file does nothing.
/// (Watchers with separate inboxes on one broker would need separate queue names; not supported yet.)
/// </summary>
public sealed class FileOutcomeConsumerDefinition : ConsumerDefinition<FileOutcomeConsumer>
{
    public const string Queue = "newspipeline-watcher";

    public FileOutcomeConsumerDefinition() => EndpointName = Queue;

    // File-system errors are retried inside (Polly); this covers what is left, e.g. a folder that is briefly unmounted.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<FileOutcomeConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(500, 2000, 5000));
}
