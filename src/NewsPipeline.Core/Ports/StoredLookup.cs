using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Core.Ports;

/// <summary>One delivery: one claim of one file of one article.</summary>
public readonly record struct DeliveryKey(string ArticleId, string FileName, string ClaimId);

/// <summary>What the store already holds for a batch: the outcome of each delivery and the row of each article that it has.</summary>
public sealed class StoredLookup(IReadOnlyDictionary<DeliveryKey, ArticleProcessed> deliveries, IReadOnlyDictionary<string, ArticleProcessed> articles)
{
    public ArticleProcessed? Delivery(DeliveryKey key) => deliveries.GetValueOrDefault(key);

    public ArticleProcessed? Article(string articleId) => articles.GetValueOrDefault(articleId);
}

/// <summary>
/// A store that answers <see cref="IArticleStore.FindAsync"/> and <see cref="IArticleStore.FindArticleAsync"/> for a
/// whole batch at once (SQLite: two lookups per article, each with its own connection, were most of the record step's
/// time in `process`).
/// </summary>
public interface IArticleBatchLookup
{
    Task<StoredLookup> FindManyAsync(IReadOnlyList<DeliveryKey> deliveries, CancellationToken cancellationToken);
}

public static class ArticleStoreLookups
{
    /// <summary>What the store holds for each delivery of a batch: in one call where it can, else two lookups each.</summary>
    public static async Task<StoredLookup> FindManyAsync(this IArticleStore store, IReadOnlyList<DeliveryKey> deliveries, CancellationToken cancellationToken)
    {
        if (store is IArticleBatchLookup batched)
            return await batched.FindManyAsync(deliveries, cancellationToken);
        var found = new Dictionary<DeliveryKey, ArticleProcessed>();
        var articles = new Dictionary<string, ArticleProcessed>(StringComparer.Ordinal);
        foreach (var key in deliveries)
        {
            if (!found.ContainsKey(key) && await store.FindAsync(key.ArticleId, key.FileName, key.ClaimId, cancellationToken) is { } delivery)
                found[key] = delivery;
            if (!articles.ContainsKey(key.ArticleId) && await store.FindArticleAsync(key.ArticleId, cancellationToken) is { } article)
                articles[key.ArticleId] = article;
        }
        return new StoredLookup(found, articles);
    }
}
