using NewsPipeline.Core.Faults;
using NewsPipeline.Testing;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// Readiness follows writes, not only reads: a store whose last write failed for its own reason says unhealthy until a
/// write succeeds again (a full disk still answers reads). A real PostgreSQL of the test's own, stopped and resumed.
/// </summary>
public sealed class StoreWriteHealthTests : IAsyncLifetime
{
    private PostgresServer? _server;

    public async Task InitializeAsync() => _server = await PostgresServer.StartOwnAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    [Fact]
    public async Task IsHealthyAsync_AfterAFailedWrite_FalseUntilAWriteSucceeds()
    {
        var connectionString = await _server!.NewDatabaseAsync() + ";Timeout=3;Command Timeout=5";
        await using var store = SqlArticleStore.Postgres(connectionString);
        await store.InitialiseAsync(default);
        await store.SaveManyAsync([TestArticles.Stored(TestArticles.Record("a1", "a.txt"))], default);
        var before = await store.IsHealthyAsync(default);

        await _server.StopAsync();
        var failure = await Record.ExceptionAsync(() => store.SaveManyAsync([TestArticles.Stored(TestArticles.Record("a2", "b.txt"))], default));
        await _server.ResumeAsync();
        var readableAfterFailedWrite = await store.CountArticlesAsync(default);
        var healthyBeforeAWrite = await store.IsHealthyAsync(default);
        await store.SaveManyAsync([TestArticles.Stored(TestArticles.Record("a2", "b.txt"))], default);

        Assert.True(before);
        Assert.NotNull(failure);
        Assert.True(FaultPolicy.IsTransient(failure), $"not transient: {failure}");
        Assert.Equal(1, readableAfterFailedWrite);
        Assert.False(healthyBeforeAWrite);
        Assert.True(await store.IsHealthyAsync(default));
    }
}
