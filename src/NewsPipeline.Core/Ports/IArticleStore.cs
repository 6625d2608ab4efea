using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Ports;

/// <summary>Where processed articles live. SQLite and PostgreSQL implement it; every write is idempotent.</summary>
public interface IArticleStore
{
    /// <summary>Creates the schema if it is missing.</summary>
    Task InitialiseAsync(CancellationToken cancellationToken);

    /// <summary>The stored outcome of this delivery (one claim of one file) of this article, if any (redelivery check).</summary>
    Task<ArticleProcessed?> FindAsync(string articleId, string fileName, string claimId, CancellationToken cancellationToken);

    /// <summary>The stored article row for this id (any delivery), if any.</summary>
    Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores outcomes in one transaction: the article row is inserted once per ArticleId, the delivery once per
    /// (ArticleId, FileName, ClaimId); rows already there are left as they are. Each new delivery is appended to the
    /// event log in the same transaction.
    /// </summary>
    Task SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken);

    /// <summary>Appends rejections to the event log, once per (ArticleId, FileName, ClaimId): a redelivered one is left out.</summary>
    Task AppendRejectionsAsync(IReadOnlyList<ArticleRejected> rejections, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> logged events after <paramref name="cursor"/>, oldest first (0 = from the start).</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(long cursor, int max, CancellationToken cancellationToken);

    /// <summary>The cursor of the newest logged event (0 when the log is empty): a subscriber that starts there sees only what comes next.</summary>
    Task<long> LastCursorAsync(CancellationToken cancellationToken);

    /// <summary>Every stored article's dedup entry, oldest first, to rebuild the duplicate index.</summary>
    IAsyncEnumerable<DedupEntry> LoadDedupEntriesAsync(CancellationToken cancellationToken);

    /// <summary>Removes the article and every delivery of it; false when it was not stored.</summary>
    Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>How many articles are stored (sizes the duplicate index before it is rebuilt).</summary>
    Task<int> CountArticlesAsync(CancellationToken cancellationToken);

    /// <summary>False while the store cannot be reached, or while its last write failed for the store's own reason (a full disk) with none succeeding since.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when the error is the store's trouble, not the article's (unreachable, shut down, disk full, busy): the work
    /// waits and is retried, it never becomes a rejection.
    /// </summary>
    bool IsTransient(Exception exception);
}
