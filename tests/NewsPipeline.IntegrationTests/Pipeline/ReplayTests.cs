using System.Text;
using Microsoft.Data.Sqlite;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// `replay errors` and `replay failed` on a real RabbitMQ with the roles as processes: a page whose analysis runs out of
/// its budget leaves a message in newspipeline-worker_error and its file in failed/; once the worker is fixed, both
/// replays bring it back, it is stored once, and replaying again changes nothing.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ReplayTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly Folders _folders = new();
    private readonly List<(string Role, PipelineProcess Process)> _roles = [];
    private readonly List<string> _commands = [];
    private Dictionary<string, string?> _settings = [];

    public async Task InitializeAsync()
    {
        var virtualHost = await broker.NewVirtualHostAsync("replay");
        _settings = _folders.Settings();
        broker.AddBusSettings(_settings, virtualHost);
        _settings["Http:Url"] = "http://127.0.0.1:0";
        _settings["Watcher:MaxFileBytes"] = "8000000";
        _settings["Worker:MaxAttempts"] = "2";
        foreach (var role in new[] { "sink", "watcher" })
            _roles.Add((role, PipelineProcess.Start(role, _settings)));
        // Far below what the slow page needs (seconds): its message ends in the error queue.
        _roles.Add(("worker", PipelineProcess.Start("worker", new Dictionary<string, string?>(_settings) { ["Worker:AnalysisBudget"] = "00:00:00.100" })));
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        await using var command = PipelineProcess.StartCommand(arguments, _settings);
        Assert.True(await command.WaitForExitAsync(TimeSpan.FromMinutes(1)), $"{string.Join(' ', arguments)} did not end: {command.Output}");
        lock (_commands)
            _commands.Add($"$ {string.Join(' ', arguments)} → {command.ExitCode}\n{command.Output}");
        return (command.ExitCode, command.Output);
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_folders.Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task ReplayErrorsThenFailed_AfterTheFix_StoredOnceAndReplayingAgainChangesNothing()
    {
        try
        {
            _folders.Drop("warm-up.txt", TestPaths.SeedArticle());
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "warm-up.txt"), Timeout), "the warm-up file was not done");
            var page = "<!DOCTYPE html><html><head><title>Slow</title></head><body><p>A slow page about the harbour ferry strike.</p>"
                + new StringBuilder().Insert(0, "<div><b></div>x", 45_000) + "</body></html>";
            _folders.Drop("poison.html", Encoding.UTF8.GetBytes(page));
            // The file is moved after its reason file is written: waiting for the file waits for both.
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, "poison.html"), Timeout), "the slow page never reached failed/");
            Assert.True(File.Exists(Path.Combine(_folders.Failed, "poison.html.error.json")), "the slow page's reason file is missing");

            // The message reaches the error queue with MassTransit's fault headers; --list shows the reason and moves nothing.
            var listed = "";
            Assert.True(await Folders.WaitUntilAsync(async () => (listed = (await RunAsync("replay", "errors", "--list")).Output).Contains("newspipeline-worker_error", StringComparison.Ordinal), Timeout), listed);
            Assert.Contains("Worker:AnalysisBudget", listed);
            Assert.Contains("1 message(s); nothing moved", listed);
            var (dryExit, dry) = await RunAsync("replay", "errors", "--all", "--dry-run");
            Assert.Equal(0, dryExit);
            Assert.Contains("would move to newspipeline-worker (dry run)", dry);
            Assert.Contains("newspipeline-worker_error", (await RunAsync("replay", "errors", "--queue", "newspipeline-worker_error")).Output);

            // The operator fixes the cause (a budget the page fits in), then replays the message.
            var (_, worker) = _roles[^1];
            Assert.True(await worker.StopAsync(TimeSpan.FromSeconds(60)), worker.Output);
            _roles.Add(("worker (fixed)", PipelineProcess.Start("worker", new Dictionary<string, string?>(_settings) { ["Worker:AnalysisBudget"] = "00:05:00" })));
            var (exit, moved) = await RunAsync("replay", "errors", "--all");
            Assert.Equal(0, exit);
            Assert.Contains("1 of 1 message(s) moved back", moved);
            Assert.True(await Folders.WaitUntilAsync(() => Count("SELECT count(*) FROM deliveries WHERE file_name = 'poison.html'") == 1, Timeout), "the replayed message was not stored");
            Assert.Contains("nothing to replay", (await RunAsync("replay", "errors", "--all")).Output);

            // Its file (the delivery already had its final outcome, so it stayed in failed/) goes back to the inbox.
            var (failedExit, replayed) = await RunAsync("replay", "failed", "--reason", "Worker:AnalysisBudget");
            Assert.Equal(0, failedExit);
            Assert.Contains("moved to the inbox as poison.html", replayed);
            Assert.False(File.Exists(Path.Combine(_folders.Failed, "poison.html.error.json")), "the stale reason file stayed");
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "poison.html"), Timeout), _folders.Listing());
            Assert.Contains("nothing to replay in failed/", (await RunAsync("replay", "failed")).Output);

            // Stored once: the file moved back unchanged is the same delivery (its claim id is derived from name, size and
            // times), so the sink finds the outcome the replayed message stored and republishes it.
            Assert.Equal(1, Count("SELECT count(*) FROM articles WHERE file_name = 'poison.html'"));
            Assert.Equal(1, Count("SELECT count(*) FROM deliveries WHERE file_name = 'poison.html'"));
            Assert.Equal(1, Count("SELECT count(*) FROM events WHERE file_name = 'poison.html' AND event = 'ArticleProcessed'"));
        }
        catch (Exception) when (Dump())
        {
            throw;
        }
    }

    private bool Dump()
    {
        foreach (var (role, process) in _roles)
            output.WriteLine($"--- {role} (exited: {process.HasExited}) ---\n{process.Output}");
        lock (_commands)
            output.WriteLine(string.Join('\n', _commands));
        return false;
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, process) in _roles)
            await process.DisposeAsync();
        _folders.Dispose();
    }
}
