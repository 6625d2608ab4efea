using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Core.Ports;

/// <summary>
/// One public event as the store's event log keeps it: its <paramref name="Cursor"/> (the log's sequence number, rising
/// in commit order) and either the processed outcome or the rejection.
/// </summary>
public sealed record LoggedEvent(long Cursor, ArticleProcessed? Processed, ArticleRejected? Rejected)
{
    public string EventName => Processed is not null ? nameof(ArticleProcessed) : nameof(ArticleRejected);
}
