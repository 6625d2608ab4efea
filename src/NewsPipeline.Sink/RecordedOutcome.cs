using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Sink;

/// <summary>What the record step decided for one file: the public event to publish, and whether it was stored before.</summary>
public sealed record RecordedOutcome(ArticleProcessed Event, bool Redelivered)
{
    /// <summary>A deterministic MessageId lets subscribers drop a republished copy of an event they already have.</summary>
    public Guid EventId { get; } = EventIds.Of(Event);
}
