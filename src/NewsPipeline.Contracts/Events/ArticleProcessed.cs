namespace NewsPipeline.Contracts.Events;

/// <summary>Public event: an article was stored (status "processed") or recognised as a copy of a stored one ("duplicate").</summary>
public sealed record ArticleProcessed
{
    public required string ArticleId { get; init; }
    public required string FileName { get; init; }
    /// <summary>The delivery this outcome is for: one claim of one file. A new drop of the same file is a new claim.</summary>
    public string ClaimId { get; init; } = "";
    /// <summary>"processed" for originals, "duplicate" for copies.</summary>
    public required string Status { get; init; }

    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Byline { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Source { get; init; }
    public IReadOnlyList<string> Contributors { get; init; } = [];
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Language { get; init; }
    public int WordCount { get; init; }

    public required string Category { get; init; }
    public double Confidence { get; init; }
    public string? RunnerUp { get; init; }
    public double? RunnerUpConfidence { get; init; }

    /// <summary>ArticleId of the story's first stored member when this is a copy; null for originals.</summary>
    public string? DuplicateOf { get; init; }
    /// <summary>File name of that first member; null for originals.</summary>
    public string? DuplicateOfFileName { get; init; }
    public required string StoryId { get; init; }
    /// <summary>The deciding signal's value for the matched article (1.0 for exact); null for originals.</summary>
    public double? Similarity { get; init; }
    /// <summary>"exact", "near" (5-shingle Jaccard), "contained" (the shorter text inside the longer), or null.</summary>
    public string? MatchMethod { get; init; }
    /// <summary>Which signal decided: "exact-key", "jaccard", "containment" (signatures) or "sentences" (verified on the bodies); null for originals.</summary>
    public string? MatchSignal { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset ProcessedAt { get; init; }

    /// <summary>
    /// This event's place in the store's event log: `tail --since` and `GET /events?since=` resume after it. Set on
    /// every published event; the same delivery always carries the same cursor.
    /// </summary>
    public long? Cursor { get; init; }
}
