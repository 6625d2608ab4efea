using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// Readiness bounds its own time: with PostgreSQL frozen (SIGSTOP, as a hung host looks), the ready check says
/// unhealthy within a few seconds instead of waiting out Npgsql's 15-s default. A cluster of the test's own.
/// </summary>
public sealed class StoreReadinessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer? _server;

    public async Task InitializeAsync() => _server = await PostgresServer.StartOwnAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    [Fact]
    public async Task IsHealthyAsync_DatabaseFrozen_AnswersFalseWithinItsBound()
    {
        var connectionString = await _server!.NewDatabaseAsync();
        await using var store = SqlArticleStore.Postgres(connectionString);
        await store.InitialiseAsync(default);
        Assert.True(await store.IsHealthyAsync(default));
        var processes = await ServerProcessesAsync(connectionString);

        bool healthy;
        var clock = Stopwatch.StartNew();
        await SignalAsync("-STOP", processes);
        try
        {
            healthy = await store.IsHealthyAsync(default);
            clock.Stop();
        }
        finally
        {
            await SignalAsync("-CONT", processes);
        }

        output.WriteLine($"ready check with the database frozen: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.False(healthy);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the ready check took {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The postmaster (the parent of a backend) and every process it started: the whole server.</summary>
    private static async Task<int[]> ServerProcessesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        var postmaster = ParentOf(backend);
        var children = Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == postmaster);
        return [postmaster, .. children];
    }

    /// <summary>Field 4 of /proc/PID/stat, read after the command name's closing parenthesis; 0 when the process is gone.</summary>
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task SignalAsync(string signal, int[] processes)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, .. processes.Select(p => p.ToString(CultureInfo.InvariantCulture))]))!;
        await kill.WaitForExitAsync();
    }
}
