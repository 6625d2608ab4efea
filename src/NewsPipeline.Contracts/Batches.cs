using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Contracts;

/// <summary>
/// The internal hops carry batches: one broker message (its envelope, its receive, its acknowledgement) cost more than
/// the article's analysis, so a scan's fresh claims travel together. A batch is bounded by <see cref="MaxArticles"/> and
/// <see cref="MaxBytes"/> of content; a re-announced file travels alone, so a file that crashes its worker cannot take a
/// batch of others down with it.
/// </summary>
public static class HopBatch
{
    public const int MaxArticles = 32;
    public const int MaxBytes = 1 << 20;
}

/// <summary>Watcher → worker: claimed files, content inline. <paramref name="OutcomeQueue"/> is where their outcomes go back.</summary>
public sealed record ArticlesReceived(string OutcomeQueue, IReadOnlyList<ArticleReceived> Articles);

/// <summary>
/// Worker (or watcher, for files it rejects itself) → sink: what became of each file before the duplicate decision.
/// The sink records the articles, logs the rejections, publishes the public events and tells <paramref name="OutcomeQueue"/>.
/// </summary>
public sealed record ArticlesAnalysed(string OutcomeQueue, IReadOnlyList<ArticleAnalysed> Articles, IReadOnlyList<ArticleRejected> Rejected);

/// <summary>
/// Sink → watcher, one per sink batch and watcher: the recorded outcomes of its files, once their public events are
/// published. The watcher moves the files on these instead of consuming every public event.
/// </summary>
public sealed record FilesRecorded(IReadOnlyList<RecordedFile> Files, IReadOnlyList<ArticleRejected> Rejected);

/// <param name="Status">"processed" or "duplicate".</param>
public sealed record RecordedFile(string ArticleId, string FileName, string ClaimId, string Status, string Category);
