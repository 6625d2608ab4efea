namespace NewsPipeline.Core.Deduplication;

/// <summary>The index's verdict for one article.</summary>
/// <param name="DuplicateOf">ArticleId of the story's first stored member, or null for an original.</param>
/// <param name="DuplicateOfFileName">File name of that member, or null.</param>
/// <param name="StoryId">Story shared by every member; an original starts a story with its own ArticleId.</param>
/// <param name="Similarity">The deciding signal's value for the matched article (1.0 for exact), or null for an original.</param>
/// <param name="MatchMethod">"exact", "near", "contained" or null.</param>
/// <param name="MatchSignal">Which signal decided: "exact-key", "jaccard", "containment", "sentences", or null.</param>
public sealed record DedupDecision(
    string? DuplicateOf,
    string? DuplicateOfFileName,
    string StoryId,
    double? Similarity,
    string? MatchMethod,
    string? MatchSignal = null)
{
    public bool IsDuplicate => DuplicateOf is not null;

    public static DedupDecision Original(string articleId) => new(null, null, articleId, null, null);
}
