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
