using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Cli;

/// <summary>
/// One line of `process` output, mapped from the public event the file's outcome is. Every field is always written
/// (null where unknown): the evaluation contract.
/// </summary>
internal sealed record ProcessOutputLine
{
    public required string File { get; init; }
    public required string Status { get; init; }
    public string? ArticleId { get; init; }
    public string? Title { get; init; }
    public string? Body { get; init; }
    public string? Byline { get; init; }
    public IReadOnlyList<string>? Authors { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<string>? Contributors { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Language { get; init; }
    public int? WordCount { get; init; }
    public string? Category { get; init; }
    public double? Confidence { get; init; }
    public string? RunnerUp { get; init; }
    public double? RunnerUpConfidence { get; init; }
    /// <summary>The file of the story's first stored member (the event's DuplicateOfFileName).</summary>
    public string? DuplicateOf { get; init; }
    public string? StoryId { get; init; }
    public double? Similarity { get; init; }
    public string? MatchMethod { get; init; }
    public string? MatchSignal { get; init; }
    public string? Reason { get; init; }

    public static ProcessOutputLine From(ArticleProcessed e) => new()
    {
        File = e.FileName,
        Status = e.Status,
        ArticleId = e.ArticleId,
        Title = e.Title.Length == 0 ? null : e.Title, // no title found: null, as every other field
        Body = e.Body,
        Byline = e.Byline,
        Authors = e.Authors,
        Source = e.Source,
        Contributors = e.Contributors,
        Url = e.Url,
        Published = e.Published,
        Modified = e.Modified,
        Language = e.Language,
        WordCount = e.WordCount,
        Category = e.Category,
        Confidence = e.Confidence,
        RunnerUp = e.RunnerUp,
        RunnerUpConfidence = e.RunnerUpConfidence,
        DuplicateOf = e.DuplicateOfFileName,
        StoryId = e.StoryId,
        Similarity = e.Similarity,
        MatchMethod = e.MatchMethod,
        MatchSignal = e.MatchSignal,
    };

    /// <param name="articleId">Null when the file could not be read at all (it has no content to hash).</param>
    public static ProcessOutputLine From(ArticleRejected e, string? articleId) => new()
    {
        File = e.FileName,
        Status = ArticleStatus.Rejected,
        ArticleId = articleId,
        Reason = e.Reason,
    };
}
