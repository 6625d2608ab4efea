using System.Security.Cryptography;
using System.Text;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Sink;

/// <summary>What the record step decided for one file: the public event to publish, and whether it was stored before.</summary>
public sealed record RecordedOutcome(ArticleProcessed Event, bool Redelivered)
{
    /// <summary>A deterministic MessageId lets subscribers drop a republished copy of an event they already have.</summary>
    public Guid EventId { get; } = EventIdOf(Event.ArticleId, Event.FileName);

    /// <summary>Same (ArticleId, FileName) → same event MessageId, however often the outcome is republished.</summary>
    public static Guid EventIdOf(string articleId, string fileName)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(articleId + "\n" + fileName), hash);
        return new Guid(hash[..16]);
    }
}
