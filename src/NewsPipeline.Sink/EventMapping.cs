using System.Security.Cryptography;
using System.Text;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Sink;

public static class EventMapping
{
    public static ArticleRecord ToCandidate(ArticleAnalysed m, DateTimeOffset now) => new()
    {
        ArticleId = m.ArticleId,
        FileName = m.FileName,
        Status = ArticleStatus.Processed,
        Title = m.Title,
        Body = m.Body,
        Byline = m.Byline,
        Authors = m.Authors,
        Source = m.Source,
        Contributors = m.Contributors,
        Url = m.Url,
        Published = m.Published,
        Language = m.Language,
        WordCount = m.WordCount,
        Category = m.Category,
        Confidence = m.Confidence,
        RunnerUp = m.RunnerUp,
        RunnerUpConfidence = m.RunnerUpConfidence,
        StoryId = m.ArticleId,
        BodyHash = m.BodyHash,
        Signature = m.Signature,
        ReceivedAt = m.ReceivedAt,
        ProcessedAt = now,
    };

    public static ArticleProcessed ToEvent(ArticleRecord r) => new()
    {
        ArticleId = r.ArticleId,
        FileName = r.FileName,
        Status = r.Status,
        Title = r.Title,
        Body = r.Body,
        Byline = r.Byline,
        Authors = r.Authors,
        Source = r.Source,
        Contributors = r.Contributors,
        Url = r.Url,
        Published = r.Published,
        Language = r.Language,
        WordCount = r.WordCount,
        Category = r.Category,
        Confidence = r.Confidence,
        RunnerUp = r.RunnerUp,
        RunnerUpConfidence = r.RunnerUpConfidence,
        DuplicateOf = r.DuplicateOf,
        DuplicateOfFileName = r.DuplicateOfFileName,
        StoryId = r.StoryId,
        Similarity = r.Similarity,
        MatchMethod = r.MatchMethod,
        ReceivedAt = r.ReceivedAt,
        ProcessedAt = r.ProcessedAt,
    };

    /// <summary>Same (ArticleId, FileName) → same event MessageId, however often the outcome is republished.</summary>
    public static Guid EventId(string articleId, string fileName)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(articleId + "\n" + fileName), hash);
        return new Guid(hash[..16]);
    }
}
