using Microsoft.Data.Sqlite;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage.Tests;

public sealed class SqliteArticleStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("np-store-").FullName;

    private SqliteArticleStore NewStore() => new(Path.Combine(_dir, "sub", "test.db"));

    internal static ArticleProcessed Record(string id, string file, string status = ArticleStatus.Processed) => new()
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
    internal static StoredArticle Stored(ArticleProcessed outcome) => new(outcome, new Fingerprint("hash-" + outcome.ArticleId, [1u, 2u, uint.MaxValue]));

    [Fact]
    public async Task SaveAsync_ThenFindAsync_RoundTripsEveryField()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);
        var record = Record("a1", "x/a.txt");

        var cursor = await store.SaveAsync(record, default);
        var found = await store.FindAsync("a1", "x/a.txt", "", default);

        Assert.NotNull(found);
        Assert.Equal(record with { Authors = found.Authors, Contributors = found.Contributors, Cursor = cursor }, found);
        Assert.Equal(record.Authors, found.Authors);
        Assert.Equal(record.Contributors, found.Contributors);
    }

    [Fact]
    public async Task SaveAsync_SameDeliveryTwice_KeepsOneRowAndFirstOutcome()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);

        await store.SaveAsync(Record("a1", "a.txt"), default);
        await store.SaveAsync(Record("a1", "a.txt") with { Title = "changed" }, default);

        Assert.Equal(1L, Count("articles"));
        Assert.Equal(1L, Count("deliveries"));
        Assert.Equal("Title a1", (await store.FindArticleAsync("a1", default))!.Title);
    }

    [Fact]
    public async Task SaveAsync_SameArticleOtherFile_OneArticleTwoDeliveries()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);

        await store.SaveAsync(Record("a1", "a.txt"), default);
        await store.SaveAsync(Record("a1", "copy.txt", ArticleStatus.Duplicate) with { DuplicateOf = "a1", DuplicateOfFileName = "a.txt", MatchMethod = "exact", Similarity = 1 }, default);

        Assert.Equal(1L, Count("articles"));
        Assert.Equal(2L, Count("deliveries"));
        var copy = await store.FindAsync("a1", "copy.txt", "", default);
        Assert.Equal(ArticleStatus.Duplicate, copy!.Status);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
        Assert.Equal(ArticleStatus.Processed, (await store.FindAsync("a1", "a.txt", "", default))!.Status);
    }

    [Fact]
    public async Task FindManyAsync_AnswersAsTheSingleLookupsDo()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);
        await store.SaveAsync(Record("a1", "a.txt"), default);
        await store.SaveAsync(Record("a1", "copy.txt", ArticleStatus.Duplicate) with { DuplicateOf = "a1", DuplicateOfFileName = "a.txt", MatchMethod = "exact", Similarity = 1 }, default);
        DeliveryKey[] keys = [new("a1", "a.txt", ""), new("a1", "copy.txt", ""), new("a1", "other.txt", ""), new("nope", "a.txt", ""), new("a1", "a.txt", "")];

        var found = await store.FindManyAsync(keys, default);
        // The loop over FindAsync and FindArticleAsync: what a store without a batched lookup answers.
        var single = await new LoopingStore(store).FindManyAsync(keys, default);

        foreach (var key in keys)
        {
            Assert.Equal(await store.FindAsync(key.ArticleId, key.FileName, key.ClaimId, default) is null, found.Delivery(key) is null);
            Assert.Equal(single.Delivery(key)?.Status, found.Delivery(key)?.Status);
            Assert.Equal(single.Article(key.ArticleId)?.FileName, found.Article(key.ArticleId)?.FileName);
        }
        Assert.Equal(ArticleStatus.Duplicate, found.Delivery(new("a1", "copy.txt", ""))!.Status);
        Assert.Null(found.Delivery(new("a1", "other.txt", "")));
        Assert.Equal("a.txt", found.Article("a1")!.FileName);
        Assert.Null(found.Article("nope"));
    }

    /// <summary>Passes everything on and has no batched lookup, so ArticleStoreLookups loops over the single ones.</summary>
    private sealed class LoopingStore(SqliteArticleStore inner) : IArticleStore
    {
        public Task InitialiseAsync(CancellationToken cancellationToken) => inner.InitialiseAsync(cancellationToken);
        public Task<ArticleProcessed?> FindAsync(string articleId, string fileName, string claimId, CancellationToken cancellationToken) => inner.FindAsync(articleId, fileName, claimId, cancellationToken);
        public Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken) => inner.FindArticleAsync(articleId, cancellationToken);
        public Task<IReadOnlyList<long>> SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken) => inner.SaveManyAsync(articles, cancellationToken);
        public Task<IReadOnlyList<long>> AppendRejectionsAsync(IReadOnlyList<ArticleRejected> rejections, CancellationToken cancellationToken) => inner.AppendRejectionsAsync(rejections, cancellationToken);
        public Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(long cursor, int max, CancellationToken cancellationToken) => inner.ReadEventsAsync(cursor, max, cancellationToken);
        public Task<long> LastCursorAsync(CancellationToken cancellationToken) => inner.LastCursorAsync(cancellationToken);
        public IAsyncEnumerable<DedupEntry> LoadDedupEntriesAsync(CancellationToken cancellationToken) => inner.LoadDedupEntriesAsync(cancellationToken);
        public Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken) => inner.DeleteAsync(articleId, cancellationToken);
        public Task<int> CountArticlesAsync(CancellationToken cancellationToken) => inner.CountArticlesAsync(cancellationToken);
        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => inner.IsHealthyAsync(cancellationToken);
        public bool IsTransient(Exception exception) => inner.IsTransient(exception);
    }

    [Fact]
    public async Task InitialiseAsync_DatabaseWithoutANewerColumn_AddsItAndReadsOldRowsAsEmpty()
    {
        var path = Path.Combine(_dir, "sub", "test.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            // An older schema: no language column, one stored article.
            create.CommandText = """
                CREATE TABLE articles (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, status TEXT NOT NULL,
                    title TEXT NOT NULL, body TEXT NOT NULL, byline TEXT, authors TEXT NOT NULL, source TEXT, contributors TEXT NOT NULL,
                    url TEXT, published TEXT, word_count INTEGER NOT NULL, category TEXT NOT NULL, confidence REAL NOT NULL,
                    runner_up TEXT, runner_up_confidence REAL, duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL,
                    similarity REAL, match_method TEXT, body_hash TEXT NOT NULL, signature BLOB, received_at TEXT NOT NULL, processed_at TEXT NOT NULL);
                INSERT INTO articles (article_id, file_name, status, title, body, authors, contributors, word_count, category, confidence,
                    story_id, body_hash, received_at, processed_at)
                VALUES ('old', 'old.txt', 'processed', 'Old', 'Old body', '[]', '[]', 2, 'World', 0.5, 'old', 'h', '2024-01-01T00:00:00.0000000+00:00', '2024-01-01T00:00:00.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        var store = NewStore();

        await store.InitialiseAsync(default);
        await store.SaveAsync(Record("a1", "a.txt"), default);

        Assert.Equal("en", (await store.FindAsync("a1", "a.txt", "", default))!.Language);
        var old = await store.FindArticleAsync("old", default);
        Assert.Equal("Old", old!.Title);
        Assert.Null(old.Language);
    }

    [Fact]
    public async Task EventLog_OutcomesAndRedeliveries_LoggedOnceInOrder()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);
        await EventLogContract.OutcomesLoggedOnceInOrderAsync(store);
    }

    [Fact]
    public async Task EventLog_RemovedArticle_LeavesTheLogAndCursorsAreNotReused()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);
        await EventLogContract.RemovedArticleLeavesTheLogAsync(store);
    }

    [Fact]
    public async Task InitialiseAsync_DatabaseWithoutTheEventLog_BackfillsItFromDeliveries()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);
        await EventLogContract.OldDatabaseBackfilledAsync(store, () =>
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "sub", "test.db")}");
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE events";
            drop.ExecuteNonQuery();
            return Task.CompletedTask;
        }, NewStore);
    }

    [Fact]
    public async Task FindAsync_Unknown_ReturnsNull()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);

        Assert.Null(await store.FindAsync("nope", "a.txt", "", default));
        Assert.Null(await store.FindArticleAsync("nope", default));
    }

    [Fact]
    public async Task LoadDedupEntriesAsync_AfterReopen_ReturnsArticlesInStoredOrder()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);
        await store.SaveAsync(Record("b", "b.txt"), default);
        await store.SaveAsync(Record("a", "a.txt") with { StoryId = "b" }, default);

        var reopened = NewStore();
        await reopened.InitialiseAsync(default);
        var entries = new List<Core.Deduplication.DedupEntry>();
        await foreach (var e in reopened.LoadDedupEntriesAsync(default))
            entries.Add(e);

        Assert.Equal(["b", "a"], entries.Select(e => e.ArticleId));
        Assert.Equal("b", entries[1].StoryId);
        Assert.Equal([1u, 2u, uint.MaxValue], entries[0].Signature);
        Assert.Equal(Record("b", "b.txt").ReceivedAt, entries[0].IndexedAt);
        Assert.True(await reopened.IsHealthyAsync(default));
    }

    [Fact]
    public async Task DeleteAsync_StoredArticle_RemovesArticleAndDeliveries()
    {
        var store = NewStore();
        await store.InitialiseAsync(default);
        await store.SaveAsync(Record("a", "a.txt"), default);
        await store.SaveAsync(Record("a", "copy.txt", ArticleStatus.Duplicate), default);
        await store.SaveAsync(Record("b", "b.txt"), default);

        Assert.True(await store.DeleteAsync("a", default));
        Assert.False(await store.DeleteAsync("a", default));

        Assert.Null(await store.FindArticleAsync("a", default));
        Assert.Null(await store.FindAsync("a", "copy.txt", "", default));
        Assert.NotNull(await store.FindArticleAsync("b", default));
        Assert.Equal(1L, Count("deliveries"));
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "sub", "test.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}

/// <summary>One outcome at a time, as most of these tests store them.</summary>
internal static class StoreTestExtensions
{
    /// <returns>The outcome's cursor in the event log.</returns>
    public static async Task<long> SaveAsync(this IArticleStore store, ArticleProcessed outcome, CancellationToken cancellationToken) =>
        (await store.SaveManyAsync([SqliteArticleStoreTests.Stored(outcome)], cancellationToken)).Single();
}
