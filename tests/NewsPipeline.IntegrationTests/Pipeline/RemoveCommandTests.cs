using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NewsPipeline.Storage;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>`newspipeline remove` as a process, against the store the configuration names.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RemoveCommandTests(PostgresServer server)
{
    private static StoredArticle Article(string id) => new(new ArticleProcessed
    {
        ArticleId = id, FileName = id + ".txt", Status = ArticleStatus.Processed, Title = "Title", Body = "Body", Category = "World",
        StoryId = id, ReceivedAt = DateTimeOffset.UnixEpoch, ProcessedAt = DateTimeOffset.UnixEpoch,
    }, new Fingerprint("hash-" + id, [1u, 2u]));

    [Fact]
    public async Task Remove_PostgresStoreConfigured_DeletesThereAndSaysWhenAbsent()
    {
        var connectionString = await server.NewDatabaseAsync();
        await using var store = SqlArticleStore.Postgres(connectionString);
        await store.InitialiseAsync(default);
        await store.SaveManyAsync([Article("a1"), Article("b2")], default);
        var settings = new Dictionary<string, string?> { ["Store:Provider"] = "Postgres", ["Store:PostgresConnectionString"] = connectionString };

        var (code, output) = await RemoveAsync("a1", settings);
        var (again, againOutput) = await RemoveAsync("a1", settings);

        Assert.True(code == 0, output);
        Assert.Null(await store.FindArticleAsync("a1", default));
        Assert.NotNull(await store.FindArticleAsync("b2", default));
        Assert.True(again == 1, againOutput);
        Assert.Contains("is not in the PostgreSQL store", againOutput);
    }

    [Fact]
    public async Task Remove_SqliteDbGiven_DeletesFromThatFile()
    {
        using var folders = new Folders();
        var store = SqlArticleStore.Sqlite(folders.Database);
        await store.InitialiseAsync(default);
        await store.SaveManyAsync([Article("a1")], default);

        var (code, output) = await RemoveAsync("a1", new Dictionary<string, string?>(), "--db", folders.Database);

        Assert.True(code == 0, output);
        Assert.Null(await store.FindArticleAsync("a1", default));
    }

    private static async Task<(int Code, string Output)> RemoveAsync(string id, IReadOnlyDictionary<string, string?> settings, params string[] extra)
    {
        await using var process = PipelineProcess.StartCommand(["remove", id, .. extra], settings);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), process.Output);
        return (process.ExitCode, process.Output);
    }
}
