using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// Issue 9, the broker-crash wedge (docs/reliability.md): the roles as processes on a RabbitMQ node of their own, files in
/// flight, kill -9 of the broker, restart with its data. Every role must say 503 while the broker is away, every file
/// must reach done/ or failed/ once it is back, and no delivery may be stored twice. The test restarts a role that
/// exits, as a process manager would: exiting (code 4) is how a wedged role recovers.
/// </summary>
public sealed class BrokerCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FileCount = 300;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly Folders _folders = new();
    private readonly List<Role> _roles = [];
    private readonly List<string> _seen = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private RabbitMqBroker? _broker;
    private IReadOnlyList<(string Url, int Code)> _lastHealth = [];

    private sealed class Role(string name, string url, Dictionary<string, string?> settings)
    {
        public string Name { get; } = name;
        public string Url { get; } = url;
        public PipelineProcess Process { get; set; } = PipelineProcess.Start(name, settings);
        public Dictionary<string, string?> Settings { get; } = settings;
        public List<string> Logs { get; } = [];
        public int Restarts { get; set; }
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(TestPaths.Executable), $"build the solution first: {TestPaths.Executable} is missing");
        _broker = await RabbitMqBroker.StartOwnAsync();
        foreach (var name in new[] { "sink", "worker", "worker", "watcher" })
        {
            var settings = _folders.Settings();
            _broker.AddBusSettings(settings, "/");
            var url = FreePort.HttpUrl();
            settings["Http:Url"] = url;
            settings["Bus:RecoveryTimeout"] = "00:00:05"; // the watchdog's wait, short to keep the test short
            _roles.Add(new Role(name, url, settings));
        }
    }

    [Fact]
    public async Task BrokerKilledMidStream_RolesSay503ThenEveryFileEndsOnceWithoutDuplicates()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception) when (Dump())
        {
            throw; // never reached: Dump returns false
        }
    }

    private async Task RunAsync()
    {
        await WaitForAsync("every role ready", async () => (await HealthAsync()).All(h => h.Code == 200), TimeSpan.FromSeconds(60));

        var staged = Path.Combine(_folders.Root, "staged");
        Directory.CreateDirectory(staged);
        for (var i = 0; i < FileCount; i++)
            await File.WriteAllTextAsync(Path.Combine(staged, $"article-{i:D4}.txt"), Article(i));
        Directory.Move(staged, Path.Combine(_folders.Inbox, "batch"));

        // Mid-stream: some outcomes already, most files still in flight.
        await WaitForAsync("the first outcomes", () => Task.FromResult(Outcomes() >= 20), Deadline);
        var inFlight = FileCount - Outcomes();
        await _broker!.KillAsync(TimeSpan.FromSeconds(10));
        Note($"killed the broker with {inFlight} files in flight");

        // Ready means able to work: 503 from every role within 10 s of the broker going away.
        var said503 = new HashSet<string>();
        await WaitForAsync("every role to say 503 with the broker down", async () =>
        {
            foreach (var h in await HealthAsync())
                if (h.Code == 503)
                    said503.Add(h.Url);
            return said503.Count == _roles.Count;
        }, TimeSpan.FromSeconds(10));

        await _broker.RestartAsync();
        var restarted = DateTime.UtcNow;
        Note("broker restarted with its data");

        // Polling health restarts a role that exited meanwhile (its watchdog exits a wedged role): the process manager.
        await WaitForAsync($"all {FileCount} files in done/ or failed/", async () =>
        {
            await HealthAsync();
            return Outcomes() >= FileCount;
        }, Deadline);
        Note($"drained {(DateTime.UtcNow - restarted).TotalSeconds:F1} s after the restart; restarts: {string.Join(", ", _roles.Select(r => $"{r.Name} {r.Restarts}"))}");
        await WaitForAsync("every role ready again", async () => (await HealthAsync()).All(h => h.Code == 200), TimeSpan.FromSeconds(40));

        Assert.Empty(Files(_folders.Inbox).Concat(Files(_folders.Processing)));
        Assert.Equal(0, Files(_folders.Failed).Count(f => !f.EndsWith(".error.json", StringComparison.Ordinal)));
        var (rows, duplicates) = CountRows();
        Assert.Equal(0, duplicates);
        Assert.Equal(FileCount, rows);
    }

    /// <summary>Every sample of the health answers, and restarts of a role that exited (a process manager's job).</summary>
    private async Task<IReadOnlyList<(string Url, int Code)>> HealthAsync()
    {
        var answers = new List<(string, int)>();
        foreach (var role in _roles)
        {
            if (role.Process.HasExited)
            {
                role.Logs.Add($"--- exited with {role.Process.ExitCode} ---\n{role.Process.Output}");
                Note($"{role.Name} exited with {role.Process.ExitCode}; starting it again");
                await role.Process.DisposeAsync();
                role.Process = PipelineProcess.Start(role.Name, role.Settings);
                role.Restarts++;
            }
            int code;
            try
            {
                using var response = await _http.GetAsync(new Uri(role.Url + "/health/ready"));
                code = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
            {
                code = 0;
            }
            answers.Add((role.Url, code));
        }
        _lastHealth = answers;
        return answers;
    }

    private async Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        await Eventually.WaitUntilAsync(what, condition, timeout,
            () => $"outcomes {Outcomes()}/{FileCount}, inbox+processing {Files(_folders.Inbox).Count() + Files(_folders.Processing).Count()}, "
                + $"last health answers {string.Join(", ", _lastHealth.Select((h, i) => $"{_roles[i].Name}={h.Code}"))}");
        Note($"{what}: ok");
    }

    private int Outcomes() => Files(_folders.Done).Count() + Files(_folders.Failed).Count(f => !f.EndsWith(".error.json", StringComparison.Ordinal));

    private static IEnumerable<string> Files(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.'))
        : [];

    private (long Rows, long Duplicates) CountRows()
    {
        using var connection = new SqliteConnection($"Data Source={_folders.Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(*) - COUNT(DISTINCT file_name) FROM deliveries";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Distinct words per file, so that no article is a near-duplicate of another.</summary>
    private static string Article(int i)
    {
        var random = new Random(i);
        string Word() => string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => "kalomineruta"[random.Next(12)].ToString() + "aeiou"[random.Next(5)]));
        var paragraphs = Enumerable.Range(0, 3).Select(_ => string.Join(' ', Enumerable.Range(0, 50).Select(_ => Word())) + ".");
        return $"Story {i.ToString(CultureInfo.InvariantCulture)} {Word()} {Word()}\n\n" + string.Join("\n\n", paragraphs) + "\n";
    }

    private void Note(string line)
    {
        lock (_seen)
            _seen.Add($"{DateTime.UtcNow:HH:mm:ss.f} {line}");
    }

    private bool Dump()
    {
        lock (_seen)
            output.WriteLine(string.Join('\n', _seen));
        foreach (var role in _roles)
        {
            foreach (var log in role.Logs)
                output.WriteLine($"--- {role.Name} (earlier run) ---\n{log}");
            output.WriteLine($"--- {role.Name} (exited: {role.Process.HasExited}) ---\n{role.Process.Output}");
        }
        return false;
    }

    public async Task DisposeAsync()
    {
        foreach (var role in _roles)
            await role.Process.DisposeAsync();
        if (_broker is not null)
            await _broker.DisposeAsync();
        _http.Dispose();
        SqliteConnection.ClearAllPools();
        _folders.Dispose();
    }
}
