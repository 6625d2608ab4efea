namespace NewsPipeline.Contracts;

/// <summary>
/// Queues of the internal hops. Stage messages are sent to these queues rather than published: sending declares the
/// queue, so an article announced before any worker (or sink) has ever started waits there instead of being dropped.
/// </summary>
public static class Endpoints
{
    public const string Worker = "newspipeline-worker";
    public const string Sink = "newspipeline-sink";
    /// <summary>The sink's queue of every rejection, appended to the store's event log (public events, not a hop).</summary>
    public const string EventLog = "newspipeline-event-log";

    public static readonly Uri WorkerQueue = new($"queue:{Worker}");
    // The sink queue is single-active-consumer (see StoreArticleConsumerDefinition); a sender that declares it must say so
    // too, or RabbitMQ refuses the second declaration as inequivalent.
    public static readonly Uri SinkQueue = new($"queue:{Sink}?singleactiveconsumer=true");
}
