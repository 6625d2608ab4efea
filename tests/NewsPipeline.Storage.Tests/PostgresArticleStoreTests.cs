using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NewsPipeline.Testing;
using Npgsql;

namespace NewsPipeline.Storage.Tests;

/// <summary>The PostgreSQL store against a real server: the same guarantees as the SQLite store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresArticleStoreTests(PostgresServer server)
{
    private static ArticleProcessed Record(string id, string file, string status = ArticleStatus.Processed) =>
        SqliteArticleStoreTests.Record(id, file, status);

    private async Task<(PostgresArticleStore Store, string ConnectionString)> NewStoreAsync()
    {
        var connectionString = await server.NewDatabaseAsync();
        var store = new PostgresArticleStore(connectionString);
        await store.InitialiseAsync(default);
        return (store, connectionString);
    }

    [Fact]
    public async Task SaveAsync_ThenFindAsync_RoundTripsEveryField()
    {
        var (store, _) = await NewStoreAsync();
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
        var (store, connectionString) = await NewStoreAsync();

        await store.SaveAsync(Record("a1", "a.txt"), default);
        await store.SaveAsync(Record("a1", "a.txt") with { Title = "changed" }, default);

        Assert.Equal(1L, await CountAsync(connectionString, "articles"));
        Assert.Equal(1L, await CountAsync(connectionString, "deliveries"));
        Assert.Equal("Title a1", (await store.FindArticleAsync("a1", default))!.Title);
    }

    [Fact]
    public async Task SaveManyAsync_SameArticleOtherFile_OneArticleTwoDeliveries()
    {
        var (store, connectionString) = await NewStoreAsync();

        await store.SaveManyAsync([
            SqliteArticleStoreTests.Stored(Record("a1", "a.txt")),
            SqliteArticleStoreTests.Stored(Record("a1", "copy.txt", ArticleStatus.Duplicate) with { DuplicateOf = "a1", DuplicateOfFileName = "a.txt", MatchMethod = "exact", Similarity = 1 }),
        ], default);

        Assert.Equal(1L, await CountAsync(connectionString, "articles"));
        Assert.Equal(2L, await CountAsync(connectionString, "deliveries"));
        var copy = await store.FindAsync("a1", "copy.txt", "", default);
        Assert.Equal(ArticleStatus.Duplicate, copy!.Status);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
        Assert.Null(await store.FindAsync("nope", "a.txt", "", default));
    }

    [Fact]
    public async Task LoadDedupEntriesAsync_NewStoreOnSameDatabase_ReturnsArticlesInStoredOrder()
    {
        var (store, connectionString) = await NewStoreAsync();
        await store.SaveAsync(Record("b", "b.txt"), default);
        await store.SaveAsync(Record("a", "a.txt") with { StoryId = "b" }, default);

        await using var reopened = new PostgresArticleStore(connectionString);
        await reopened.InitialiseAsync(default);
        var entries = new List<DedupEntry>();
        await foreach (var e in reopened.LoadDedupEntriesAsync(default))
            entries.Add(e);

        Assert.Equal(["b", "a"], entries.Select(e => e.ArticleId));
        Assert.Equal("b", entries[1].StoryId);
        Assert.Equal([1u, 2u, uint.MaxValue], entries[0].Signature);
        Assert.True(await reopened.IsHealthyAsync(default));
    }

    [Fact]
    public async Task EventLog_OutcomesAndRedeliveries_LoggedOnceInOrder()
    {
        var (store, _) = await NewStoreAsync();
        await EventLogContract.OutcomesLoggedOnceInOrderAsync(store);
    }

    [Fact]
    public async Task EventLog_RemovedArticle_LeavesTheLogAndCursorsAreNotReused()
    {
        var (store, _) = await NewStoreAsync();
        await EventLogContract.RemovedArticleLeavesTheLogAsync(store);
    }

    [Fact]
    public async Task InitialiseAsync_DatabaseWithoutTheEventLog_BackfillsItFromDeliveries()
    {
        var (store, connectionString) = await NewStoreAsync();
        await EventLogContract.OldDatabaseBackfilledAsync(store, async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE events", connection);
            await drop.ExecuteNonQueryAsync();
        }, () => new PostgresArticleStore(connectionString));
    }

    /// <summary>Writers at once (the sink's batches, the rejection log): a reader never sees a later cursor before an earlier one commits.</summary>
    [Fact]
    public async Task EventLog_ConcurrentWriters_CursorsVisibleInCommitOrder()
    {
        var (store, _) = await NewStoreAsync();
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
                    await store.SaveAsync(Record($"w{w}-{i}", $"w{w}-{i}.txt"), default);
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

    [Fact]
    public async Task IsHealthyAsync_NoServerThere_ReturnsFalse()
    {
        await using var store = new PostgresArticleStore("Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=2");

        Assert.False(await store.IsHealthyAsync(default));
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
