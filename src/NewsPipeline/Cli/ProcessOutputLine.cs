namespace NewsPipeline.Cli;

/// <summary>One line of `process` output. Every field is always written (null where unknown): the evaluation contract.</summary>
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
    public string? Language { get; init; }
    public int? WordCount { get; init; }
    public string? Category { get; init; }
    public double? Confidence { get; init; }
    public string? RunnerUp { get; init; }
    public double? RunnerUpConfidence { get; init; }
    public string? DuplicateOf { get; init; }
    public string? StoryId { get; init; }
    public double? Similarity { get; init; }
    public string? MatchMethod { get; init; }
    public string? Reason { get; init; }
}
