namespace NewsPipeline.Contracts.Events;

/// <summary>Public event: a file could not become an article. The file moves to failed/ with a reason file.</summary>
/// <param name="Stage">"watcher", "normalise" or "sink": a worker fault in any analyse stage (fingerprint and classify
/// included) is reported as "normalise".</param>
/// <param name="ClaimId">The delivery this outcome is for (see <see cref="ArticleProcessed.ClaimId"/>).</param>
/// <param name="Cursor">This event's place in the store's event log (see <see cref="ArticleProcessed.Cursor"/>); set on
/// every published event, null on a rejection not yet logged.</param>
public sealed record ArticleRejected(
    string ArticleId,
    string FileName,
    string Stage,
    string Reason,
    DateTimeOffset RejectedAt,
    string ClaimId = "",
    long? Cursor = null);
