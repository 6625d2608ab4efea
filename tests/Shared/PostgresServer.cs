using System.Globalization;
using Npgsql;

namespace NewsPipeline.Testing;

/// <summary>
/// A real, throw-away PostgreSQL cluster. `scripts/test.sh` starts one and names it in NEWSPIPELINE_TEST_POSTGRES
/// (a connection string); run from an IDE, the fixture starts its own with scripts/postgres.sh.
/// Each test takes a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string? _folder;
    private string _admin = "";

    /// <summary>A cluster of this test's own (never the shared one), which it may stop and resume: outage tests.</summary>
    public static async Task<PostgresServer> StartOwnAsync()
    {
        var server = new PostgresServer { _own = true };
        await server.InitializeAsync();
        return server;
    }

    private bool _own;

    /// <summary>Stops the server (fast shutdown: connections are cut, as in an outage); only for an own cluster.</summary>
    public Task StopAsync() => RunScriptAsync("stop", OwnFolder);

    /// <summary>Starts the stopped server again with its data, on the same port.</summary>
    public Task ResumeAsync() => RunScriptAsync("resume", OwnFolder);

    private string OwnFolder => _own && _folder is not null ? _folder : throw new InvalidOperationException("only a cluster of the test's own can be stopped");

    public async Task InitializeAsync()
    {
        if (!_own && Environment.GetEnvironmentVariable("NEWSPIPELINE_TEST_POSTGRES") is { Length: > 0 } given)
        {
            _admin = given;
            return;
        }
        _folder = Directory.CreateTempSubdirectory("np-postgres-").FullName;
        // The server runs as the postgres user when the tests run as root: it must reach its folder.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_folder, (UnixFileMode)Convert.ToInt32("755", 8));
        var port = FreePort.Pick();
        await RunScriptAsync("start", _folder, port.ToString(CultureInfo.InvariantCulture));
        _admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=newspipeline";
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_admin) { Database = name, Pooling = false }.ToString();
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
            return;
        await RunScriptAsync("stop", _folder);
        try { Directory.Delete(_folder, true); } catch (IOException) { /* the server may hold a file a moment longer */ }
    }

    private static Task<string> RunScriptAsync(params string[] arguments) => Repository.RunScriptAsync("postgres.sh", arguments);
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
