using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage.Tests;

internal static class TestArticles
{
    public static ArticleProcessed Record(string id, string file, string status = ArticleStatus.Processed) => new()
    {
        ArticleId = id,
        FileName = file,
        Status = status,
        Title = "Title " + id,
        Body = "Body of " + id,
        Byline = "By Jane Doe",
        Authors = ["Jane Doe"],
        Source = "The Hill",
        Contributors = ["The Associated Press"],
        Url = "https://example.com/" + id,
        Published = new DateTimeOffset(2024, 5, 31, 10, 0, 0, TimeSpan.Zero),
        Modified = new DateTimeOffset(2024, 6, 1, 7, 30, 0, TimeSpan.Zero),
        Language = "en",
        WordCount = 3,
        Category = "World",
        Confidence = 0.93,
        RunnerUp = "Business",
        RunnerUpConfidence = 0.04,
        StoryId = id,
        ReceivedAt = new DateTimeOffset(2024, 6, 1, 8, 0, 0, TimeSpan.Zero),
        ProcessedAt = new DateTimeOffset(2024, 6, 1, 8, 0, 1, TimeSpan.Zero),
    };

    /// <summary>The stored form of a test outcome: its fingerprint is made up from its id.</summary>
    public static StoredArticle Stored(ArticleProcessed outcome) => new(outcome, new Fingerprint("hash-" + outcome.ArticleId, [1u, 2u, uint.MaxValue]));

    /// <returns>The outcome's cursor in the event log.</returns>
    public static async Task<long> SaveAsync(this IArticleStore store, ArticleProcessed outcome, CancellationToken cancellationToken) =>
        (await store.SaveManyAsync([Stored(outcome)], cancellationToken)).Single();
}
