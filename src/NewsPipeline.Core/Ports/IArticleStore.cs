using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Ports;

/// <summary>
/// Where processed articles live (one SQL store, SQLite or PostgreSQL); every write is idempotent. The store's own
/// trouble surfaces as <see cref="Faults.StoreUnavailableException"/>.
/// </summary>
public interface IArticleStore
{
    /// <summary>Creates the schema if it is missing, and brings an older one up to date.</summary>
    Task InitialiseAsync(CancellationToken cancellationToken);

    /// <summary>The stored outcome of this delivery (one claim of one file) of this article, with its cursor, if any (redelivery check).</summary>
    Task<ArticleProcessed?> FindAsync(string articleId, string fileName, string claimId, CancellationToken cancellationToken);

    /// <summary>The stored article row for this id (any delivery), if any.</summary>
    Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>Both lookups above for every delivery of a batch at once: what the store held before the batch.</summary>
    Task<StoredLookup> FindManyAsync(IReadOnlyList<DeliveryKey> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Stores outcomes in one transaction: the article row is inserted once per ArticleId, the delivery once per
    /// (ArticleId, FileName, ClaimId); rows already there are left as they are. Each new delivery is appended to the
    /// event log in the same transaction. Returns each outcome's cursor in the log, in order (a delivery stored before
    /// keeps the cursor it had).
    /// </summary>
    Task<IReadOnlyList<long>> SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken);

    /// <summary>
    /// Appends rejections to the event log, once per (ArticleId, FileName, ClaimId), and returns each one's cursor in
    /// order: a redelivered one is not logged again and keeps its first cursor.
    /// </summary>
    Task<IReadOnlyList<long>> AppendRejectionsAsync(IReadOnlyList<ArticleRejected> rejections, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> logged events after <paramref name="cursor"/>, oldest first (0 = from the start).</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(long cursor, int max, CancellationToken cancellationToken);

    /// <summary>The cursor of the newest logged event (0 when the log is empty): a subscriber that starts there sees only what comes next.</summary>
    Task<long> LastCursorAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> stored articles' dedup entries with a sequence number above <paramref name="afterSeq"/>,
    /// oldest first (the sequence is the arrival order, never reused): the duplicate index is rebuilt from them, and a
    /// sink catches up with what another sink stored since.
    /// </summary>
    Task<IReadOnlyList<SequencedDedupEntry>> ReadDedupEntriesAsync(long afterSeq, int max, CancellationToken cancellationToken);

    /// <summary>Removes the article and every delivery of it; false when it was not stored.</summary>
    Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>How many articles are stored (sizes the duplicate index before it is rebuilt).</summary>
    Task<int> CountArticlesAsync(CancellationToken cancellationToken);

    /// <summary>False while the store cannot be reached, or while its last write failed for the store's own reason (a full disk) with none succeeding since.</summary>
    /// <remarks>Answers within a few seconds however the database hangs (readiness must not wait on it).</remarks>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

/// <summary>A dedup entry with its row's sequence number in the store.</summary>
public sealed record SequencedDedupEntry(long Seq, DedupEntry Entry);

public static class ArticleStoreReading
{
    /// <summary>Every dedup entry after <paramref name="afterSeq"/>, oldest first, read a page at a time.</summary>
    public static async IAsyncEnumerable<SequencedDedupEntry> LoadDedupEntriesAsync(this IArticleStore store, long afterSeq,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Page = 10_000;
        while (true)
        {
            var page = await store.ReadDedupEntriesAsync(afterSeq, Page, cancellationToken);
            foreach (var entry in page)
                yield return entry;
            if (page.Count < Page)
                yield break;
            afterSeq = page[^1].Seq;
        }
    }
}
