namespace NewsPipeline.Core.Ports;

/// <summary>
/// The stored outcome of one file: the article (one row per ArticleId) plus this file's delivery of it.
/// Status is "processed" or "duplicate".
/// </summary>
public sealed record ArticleRecord
{
    public required string ArticleId { get; init; }
    public required string FileName { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Byline { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Source { get; init; }
    public IReadOnlyList<string> Contributors { get; init; } = [];
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Language { get; init; }
    public int WordCount { get; init; }
    public required string Category { get; init; }
    public double Confidence { get; init; }
    public string? RunnerUp { get; init; }
    public double? RunnerUpConfidence { get; init; }
    public string? DuplicateOf { get; init; }
    public string? DuplicateOfFileName { get; init; }
    public required string StoryId { get; init; }
    public double? Similarity { get; init; }
    public string? MatchMethod { get; init; }
    public required string BodyHash { get; init; }
    public uint[] Signature { get; init; } = [];
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }
}
