using NewsPipeline.Testing;

namespace NewsPipeline.FaultTests;

/// <summary>
/// What every run of the suite shares: a RabbitMQ node of its own (runs kill it), a PostgreSQL cluster of its own
/// (started on first use; postgres-stop stops it), and the table of results, written to the test output and to
/// faults.md in the results folder (NEWSPIPELINE_TEST_RESULTS, else .test-results/ in the repository).
/// </summary>
public sealed class FaultCluster : IAsyncLifetime
{
    public const string Header =
        "| scenario | run | fault at | files | done | failed | stuck | lost | rows (deliveries/articles) | duplicate rows | contradictions | events | duplicate events | files without event | error-queue messages | drain after repair (s) | ready=503 after fault (s) | restarts | verdict |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private readonly List<string> _rows = [];
    private readonly SemaphoreSlim _postgresStart = new(1, 1);
    private RabbitMqBroker? _broker;
    private PostgresServer? _postgres;
    private int _runs;

    internal RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("not initialised");

    internal int NextRunNumber() => Interlocked.Increment(ref _runs);

    /// <summary>The suite's own PostgreSQL cluster, started the first time a run needs it.</summary>
    internal async Task<PostgresServer> PostgresAsync()
    {
        await _postgresStart.WaitAsync();
        try
        {
            return _postgres ??= await PostgresServer.StartOwnAsync();
        }
        finally
        {
            _postgresStart.Release();
        }
    }

    public static string ResultsFolder =>
        Environment.GetEnvironmentVariable("NEWSPIPELINE_TEST_RESULTS") is { Length: > 0 } given ? given : Path.Combine(Repository.RequiredRoot, ".test-results");

    public static string TablePath => Path.Combine(ResultsFolder, "faults.md");

    /// <summary>Adds a run's row and rewrites the table file; returns the whole table so far.</summary>
    internal string Add(string row)
    {
        lock (_rows)
        {
            _rows.Add(row);
            var passed = _rows.Count(r => r.EndsWith("| ok |", StringComparison.Ordinal));
            var table = $"Fault suite, {FaultSettings.Current}\n\n{Header}\n{string.Join('\n', _rows)}\n\n{passed} runs passed, {_rows.Count - passed} failed\n";
            Directory.CreateDirectory(ResultsFolder);
            File.WriteAllText(TablePath, table);
            return table;
        }
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Repository.Executable), $"build the solution first: {Repository.Executable} is missing");
        _broker = await RabbitMqBroker.StartOwnAsync();
        lock (_rows)
        {
            if (File.Exists(TablePath))
                File.Delete(TablePath);
        }
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
            await _broker.DisposeAsync();
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        _postgresStart.Dispose();
    }
}
