using System.Data.Common;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// What the article store guarantees, checked once against each database: SQLite (a file) and PostgreSQL (a real
/// server). Each test gets an empty database of its own.
/// </summary>
public abstract class ArticleStoreContract
{
    /// <summary>A new store instance over this test's database (as a second process, or a restart, would open it).</summary>
    protected abstract IArticleStore Open();

    /// <summary>A raw connection to this test's database, for fixtures and counts.</summary>
    protected abstract Task<DbConnection> ConnectAsync();

    /// <summary>The schema exactly as the release before migrations created it (copied from its ArticleColumns.CreateTables).</summary>
    protected abstract string TodaysSchema { get; }

    /// <summary>An older shape that release still upgraded at start: deliveries keyed without claims, no event log, fewer columns.</summary>
    protected abstract string OlderSchema { get; }

    /// <summary>A text-list literal in the database's own form.</summary>
    protected abstract string ListLiteral(params string[] items);

    private async Task<IArticleStore> NewStoreAsync()
    {
        var store = Open();
        await store.InitialiseAsync(default);
        return store;
    }

    [Fact]
    public async Task SaveAsync_ThenFindAsync_RoundTripsEveryField()
    {
        var store = await NewStoreAsync();
        var record = TestArticles.Record("a1", "x/a.txt");

        var cursor = await store.SaveAsync(record, default);
        var found = await store.FindAsync("a1", "x/a.txt", "", default);

        Assert.NotNull(found);
        Assert.Equal(record with { Authors = found.Authors, Contributors = found.Contributors, Cursor = cursor }, found);
        Assert.Equal(record.Authors, found.Authors);
        Assert.Equal(record.Contributors, found.Contributors);
        Assert.Equal(TimeSpan.Zero, found.ReceivedAt.Offset);
    }

    [Fact]
    public async Task SaveAsync_SameDeliveryTwice_KeepsOneRowAndFirstOutcome()
    {
        var store = await NewStoreAsync();

        var first = await store.SaveAsync(TestArticles.Record("a1", "a.txt"), default);
        var again = await store.SaveAsync(TestArticles.Record("a1", "a.txt") with { Title = "changed" }, default);

        Assert.Equal(1L, await CountAsync("articles"));
        Assert.Equal(1L, await CountAsync("deliveries"));
        Assert.Equal(first, again);
        Assert.Equal("Title a1", (await store.FindArticleAsync("a1", default))!.Title);
    }

    [Fact]
    public async Task SaveManyAsync_SameArticleOtherFile_OneArticleTwoDeliveries()
    {
        var store = await NewStoreAsync();

        await store.SaveManyAsync([
            TestArticles.Stored(TestArticles.Record("a1", "a.txt")),
            TestArticles.Stored(TestArticles.Record("a1", "copy.txt", ArticleStatus.Duplicate) with { DuplicateOf = "a1", DuplicateOfFileName = "a.txt", MatchMethod = "exact", Similarity = 1 }),
        ], default);

        Assert.Equal(1L, await CountAsync("articles"));
        Assert.Equal(2L, await CountAsync("deliveries"));
        var copy = await store.FindAsync("a1", "copy.txt", "", default);
        Assert.Equal(ArticleStatus.Duplicate, copy!.Status);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
        Assert.Equal(ArticleStatus.Processed, (await store.FindAsync("a1", "a.txt", "", default))!.Status);
    }

    [Fact]
    public async Task FindManyAsync_AnswersAsTheSingleLookupsDo()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(TestArticles.Record("a1", "a.txt"), default);
        await store.SaveAsync(TestArticles.Record("a1", "copy.txt", ArticleStatus.Duplicate) with { DuplicateOf = "a1", DuplicateOfFileName = "a.txt", MatchMethod = "exact", Similarity = 1 }, default);
        DeliveryKey[] keys = [new("a1", "a.txt", ""), new("a1", "copy.txt", ""), new("a1", "other.txt", ""), new("nope", "a.txt", ""), new("a1", "a.txt", "")];

        var found = await store.FindManyAsync(keys, default);

        foreach (var key in keys)
        {
            Assert.Equal(await store.FindAsync(key.ArticleId, key.FileName, key.ClaimId, default), found.Delivery(key), ArticleComparer.Instance);
            Assert.Equal(await store.FindArticleAsync(key.ArticleId, default), found.Article(key.ArticleId), ArticleComparer.Instance);
        }
        Assert.Equal(ArticleStatus.Duplicate, found.Delivery(new("a1", "copy.txt", ""))!.Status);
        Assert.Equal("a.txt", found.Article("a1")!.FileName);
        Assert.Null(found.Article("nope"));
    }

    [Fact]
    public async Task FindAsync_Unknown_ReturnsNull()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.FindAsync("nope", "a.txt", "", default));
        Assert.Null(await store.FindArticleAsync("nope", default));
    }

    [Fact]
    public async Task ReadDedupEntriesAsync_AfterReopen_ReturnsArticlesInStoredOrderAndOnlyNewerAfterASeq()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(TestArticles.Record("b", "b.txt"), default);
        await store.SaveAsync(TestArticles.Record("a", "a.txt") with { StoryId = "b" }, default);

        var reopened = await NewStoreAsync();
        var entries = new List<SequencedDedupEntry>();
        await foreach (var e in reopened.LoadDedupEntriesAsync(0, default))
            entries.Add(e);
        await store.SaveAsync(TestArticles.Record("c", "c.txt"), default);
        var newer = await reopened.ReadDedupEntriesAsync(entries[^1].Seq, 100, default);

        Assert.Equal(["b", "a"], entries.Select(e => e.Entry.ArticleId));
        Assert.Equal("b", entries[1].Entry.StoryId);
        Assert.Equal([1u, 2u, uint.MaxValue], entries[0].Entry.Signature);
        Assert.Equal(TestArticles.Record("b", "b.txt").ReceivedAt, entries[0].Entry.IndexedAt);
        Assert.Equal(["c"], newer.Select(e => e.Entry.ArticleId));
        Assert.Empty(await reopened.ReadDedupEntriesAsync(newer[0].Seq, 100, default));
        Assert.Equal(3, await reopened.CountArticlesAsync(default));
        Assert.True(await reopened.IsHealthyAsync(default));
    }

    [Fact]
    public async Task DeleteAsync_StoredArticle_RemovesArticleAndDeliveries()
    {
        var store = await NewStoreAsync();
        await store.SaveAsync(TestArticles.Record("a", "a.txt"), default);
        await store.SaveAsync(TestArticles.Record("a", "copy.txt", ArticleStatus.Duplicate), default);
        await store.SaveAsync(TestArticles.Record("b", "b.txt"), default);

        Assert.True(await store.DeleteAsync("a", default));
        Assert.False(await store.DeleteAsync("a", default));

        Assert.Null(await store.FindArticleAsync("a", default));
        Assert.Null(await store.FindAsync("a", "copy.txt", "", default));
        Assert.NotNull(await store.FindArticleAsync("b", default));
        Assert.Equal(1L, await CountAsync("deliveries"));
    }

    [Fact]
    public async Task EventLog_OutcomesAndRedeliveries_LoggedOnceInOrder() =>
        await EventLogContract.OutcomesLoggedOnceInOrderAsync(await NewStoreAsync());

    [Fact]
    public async Task EventLog_RemovedArticle_LeavesTheLogAndCursorsAreNotReused() =>
        await EventLogContract.RemovedArticleLeavesTheLogAsync(await NewStoreAsync());

    [Fact]
    public async Task InitialiseAsync_DatabaseWithoutTheEventLog_BackfillsItFromDeliveries() =>
        await EventLogContract.OldDatabaseBackfilledAsync(await NewStoreAsync(), () => ExecuteAsync("DROP TABLE events; DROP TABLE schemaversions;"), Open);

    /// <summary>Writers at once (the sink's batches, the rejection log): a reader never sees a later cursor before an earlier one commits.</summary>
    [Fact]
    public async Task EventLog_ConcurrentWriters_CursorsVisibleInCommitOrder()
    {
        var store = await NewStoreAsync();
        var seen = new List<long>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            long cursor = 0;
            while (!done.IsCancellationRequested || await store.LastCursorAsync(default) > cursor)
            {
                foreach (var e in await store.ReadEventsAsync(cursor, 1000, default))
                {
                    seen.Add(e.Cursor);
                    cursor = e.Cursor;
                }
            }
        });
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                if (w % 2 == 0)
                    await store.SaveAsync(TestArticles.Record($"w{w}-{i}", $"w{w}-{i}.txt"), default);
                else
                    await store.AppendRejectionsAsync([new ArticleRejected($"w{w}-{i}", $"w{w}-{i}.bin", "normalise", "bad", DateTimeOffset.UnixEpoch)], default);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await done.CancelAsync();
        await reader;

        var all = (await store.ReadEventsAsync(0, 1000, default)).Select(e => e.Cursor).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(all, seen);
    }

    /// <summary>A database as the release before migrations left it, with a row it wrote: opened, migrated, read back.</summary>
    [Fact]
    public async Task InitialiseAsync_DatabaseOfTheReleaseBeforeMigrations_MigratesAndReadsItsRows()
    {
        await ExecuteAsync(TodaysSchema + $"""
            INSERT INTO articles (article_id, file_name, claim_id, status, title, body, authors, contributors, language, word_count, category,
                confidence, story_id, match_signal, received_at, processed_at, body_hash)
            VALUES ('old', 'old.txt', 'c1', 'processed', 'Old', 'Old body', {ListLiteral("Jane Doe")}, {ListLiteral()}, 'en', 2, 'World',
                0.5, 'old', 'exact-key', '2024-01-01T00:00:00.0000000+00:00', '2024-01-01T00:00:01.0000000+00:00', 'h');
            INSERT INTO deliveries (article_id, file_name, claim_id, status, story_id, match_signal, received_at, processed_at)
            VALUES ('old', 'old.txt', 'c1', 'processed', 'old', 'exact-key', '2024-01-01T00:00:00.0000000+00:00', '2024-01-01T00:00:01.0000000+00:00');
            INSERT INTO events (event, article_id, file_name, claim_id) VALUES ('ArticleProcessed', 'old', 'old.txt', 'c1');
            """);

        var store = await NewStoreAsync();
        var old = await store.FindAsync("old", "old.txt", "c1", default);
        var newCursor = await store.SaveAsync(TestArticles.Record("a1", "a.txt"), default);
        await Open().InitialiseAsync(default);

        Assert.NotNull(old);
        Assert.Equal(("Old", "Old body", "en", "exact-key"), (old.Title, old.Body, old.Language, old.MatchSignal));
        Assert.Equal(["Jane Doe"], old.Authors);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), old.ReceivedAt);
        Assert.Equal(1, old.Cursor);
        Assert.Equal(2, newCursor);
        Assert.Equal(["old.txt", "a.txt"], (await store.ReadEventsAsync(0, 10, default)).Select(e => e.Processed!.FileName));
        Assert.Equal(1L, await CountAsync("schemaversions"));
    }

    /// <summary>An older shape that release upgraded at start: deliveries without claims, no log, columns added since.</summary>
    [Fact]
    public async Task InitialiseAsync_OlderDatabaseWithoutClaimsOrLog_UpgradesAndReadsItsRows()
    {
        await ExecuteAsync(OlderSchema + $"""
            INSERT INTO articles (article_id, file_name, status, title, body, authors, contributors, word_count, category,
                confidence, story_id, received_at, processed_at, body_hash)
            VALUES ('old', 'old.txt', 'processed', 'Old', 'Old body', {ListLiteral()}, {ListLiteral()}, 2, 'World',
                0.5, 'old', '2024-01-01T00:00:00.0000000+00:00', '2024-01-01T00:00:01.0000000+00:00', 'h');
            INSERT INTO deliveries (article_id, file_name, status, story_id, received_at, processed_at)
            VALUES ('old', 'old.txt', 'processed', 'old', '2024-01-01T00:00:00.0000000+00:00', '2024-01-01T00:00:01.0000000+00:00');
            """);

        var store = await NewStoreAsync();
        var old = await store.FindAsync("old", "old.txt", "", default);
        await store.SaveAsync(TestArticles.Record("a1", "a.txt"), default);

        Assert.NotNull(old);
        Assert.Equal(("Old", "", null, null), (old.Title, old.ClaimId, old.Language, old.MatchSignal));
        Assert.Equal(1, old.Cursor);
        Assert.Equal(["old.txt", "a.txt"], (await store.ReadEventsAsync(0, 10, default)).Select(e => e.Processed!.FileName));
        Assert.Equal("en", (await store.FindAsync("a1", "a.txt", "", default))!.Language);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await ConnectAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Records compare their lists by reference; these compare them by items.</summary>
    private sealed class ArticleComparer : IEqualityComparer<ArticleProcessed?>
    {
        public static readonly ArticleComparer Instance = new();

        public bool Equals(ArticleProcessed? x, ArticleProcessed? y) =>
            x is null || y is null ? x is null && y is null
                : x with { Authors = [], Contributors = [] } == y with { Authors = [], Contributors = [] }
                  && x.Authors.SequenceEqual(y.Authors) && x.Contributors.SequenceEqual(y.Contributors);

        public int GetHashCode(ArticleProcessed? obj) => obj?.ArticleId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
