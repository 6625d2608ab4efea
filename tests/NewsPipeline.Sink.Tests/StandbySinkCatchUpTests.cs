using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NewsPipeline.Storage;
using NewsPipeline.Testing;

namespace NewsPipeline.Sink.Tests;

/// <summary>
/// Two sinks over one store (the active one and a standby on the single-active-consumer queue): the standby loaded its
/// duplicate index before the active one stored, then takes over. It must still find copies of what the other stored.
/// </summary>
public abstract class StandbySinkCatchUpContract
{
    private const string Story = """
        The city council voted on Tuesday to approve a new budget that raises spending on public transport by twelve percent, after a debate that lasted more than six hours.
        Supporters said the money would pay for longer bus routes, new night services and the repair of two tram lines that have been closed since the spring floods.
        Opponents argued that the plan relies on a property tax increase that will hit small businesses hardest, and several members said they would try to amend it next month.
        The mayor welcomed the vote and said the first new routes could open before the end of the year, provided the regional government releases its share of the funding.
        """;

    private readonly Fingerprinter _fingerprinter = new();

    protected abstract Task<IArticleStore> OpenAsync();

    private async Task<ArticleRecorder> SinkAsync()
    {
        var store = await OpenAsync();
        await store.InitialiseAsync(default);
        var options = new DedupOptions();
        var recorder = ArticleRecorderTests.Recorder(store, new DuplicateIndex(options, TimeProvider.System), Options.Create(options));
        await recorder.LoadIndexAsync(default);
        return recorder;
    }

    private static string Id(int n) => n.ToString("x64", CultureInfo.InvariantCulture);

    [Fact]
    public async Task RecordAsync_StandbyLoadedBeforeTheActiveStored_MarksACopyOfTheActivesArticleAsDuplicate()
    {
        var active = await SinkAsync();
        var standby = await SinkAsync();

        await active.RecordOneAsync(ArticleRecorderTests.Candidate(Id(1), "a.txt", Story, _fingerprinter), default);
        await standby.RecordOneAsync(ArticleRecorderTests.Candidate(Id(3), "other.txt", "A different story about the weather: rain all week, sun on Sunday.", _fingerprinter), default);
        var (copy, _) = await standby.RecordOneAsync(
            ArticleRecorderTests.Candidate(Id(2), "b.txt", Story.Replace("six hours", "seven hours", StringComparison.Ordinal), _fingerprinter), default);

        Assert.Equal(ArticleStatus.Duplicate, copy.Status);
        Assert.Equal(Id(1), copy.DuplicateOf);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
        Assert.Equal(Id(1), copy.StoryId);
    }
}

public sealed class SqliteStandbySinkCatchUpTests : StandbySinkCatchUpContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("np-standby-").FullName;

    protected override Task<IArticleStore> OpenAsync() => Task.FromResult<IArticleStore>(SqlArticleStore.Sqlite(Path.Combine(_dir, "shared.db")));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStandbySinkCatchUpTests(PostgresServer server) : StandbySinkCatchUpContract
{
    private string? _connectionString;

    protected override async Task<IArticleStore> OpenAsync() => SqlArticleStore.Postgres(_connectionString ??= await server.NewDatabaseAsync());
}
