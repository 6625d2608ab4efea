namespace NewsPipeline.Contracts.Events;

/// <summary>Public event: a file could not become an article. The file moves to failed/ with a reason file.</summary>
/// <param name="Stage">"watcher", "normalise", "classify" or "sink".</param>
public sealed record ArticleRejected(
    string ArticleId,
    string FileName,
    string Stage,
    string Reason,
    DateTimeOffset RejectedAt);
