using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Ports;

/// <summary>Where processed articles live. SQLite and PostgreSQL implement it; every write is idempotent.</summary>
public interface IArticleStore
{
    /// <summary>Creates the schema if it is missing.</summary>
    Task InitialiseAsync(CancellationToken cancellationToken);

    /// <summary>The stored outcome of this file's delivery of this article, if any (redelivery check).</summary>
    Task<ArticleRecord?> FindAsync(string articleId, string fileName, CancellationToken cancellationToken);

    /// <summary>The stored article row for this id (any delivery), if any.</summary>
    Task<ArticleRecord?> FindArticleAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>Stores the outcome; the article row is inserted once per ArticleId, the delivery once per (ArticleId, FileName).</summary>
    Task SaveAsync(ArticleRecord record, CancellationToken cancellationToken);

    /// <summary>Stores several outcomes in one transaction, with the same rules as <see cref="SaveAsync"/>.</summary>
    Task SaveManyAsync(IReadOnlyList<ArticleRecord> records, CancellationToken cancellationToken);

    /// <summary>Every stored article's dedup entry, oldest first, to rebuild the duplicate index.</summary>
    IAsyncEnumerable<DedupEntry> LoadDedupEntriesAsync(CancellationToken cancellationToken);

    /// <summary>Removes the article and every delivery of it; false when it was not stored.</summary>
    Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>How many articles are stored (sizes the duplicate index before it is rebuilt).</summary>
    Task<int> CountArticlesAsync(CancellationToken cancellationToken);

    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
