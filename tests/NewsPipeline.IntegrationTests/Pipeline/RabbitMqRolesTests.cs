using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsPipeline.Cli;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>The scaled-out shape: watcher, two workers and a sink as separate processes on a real RabbitMQ broker.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqRolesTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Folders _folders = new();
    private readonly EventCollector _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Role, PipelineProcess Process)> _roles = [];
    private Task? _tail;
    private string _virtualHost = "/";

    private Dictionary<string, string?> Settings()
    {
        var settings = _folders.Settings();
        broker.AddBusSettings(settings, _virtualHost);
        settings["Http:Url"] = FreePort.HttpUrl();
        return settings;
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(TestPaths.Executable), $"build the solution first: {TestPaths.Executable} is missing");
        _virtualHost = await broker.NewVirtualHostAsync("roles");
        _tail = TailCommand.TailRabbitMqAsync(broker.Options(_virtualHost), _events, _stop.Token);
        // The subscriber's temporary queue, the only queue of this fresh virtual host, bound and consumed before any event.
        await broker.WaitForConsumerAsync(_virtualHost, _ => true, Timeout);
        foreach (var role in new[] { "sink", "worker", "worker", "watcher" })
            _roles.Add((role, PipelineProcess.Start(role, Settings())));
        foreach (var (_, process) in _roles)
            await process.WaitForReadyAsync();
    }

    [Fact]
    public async Task Roles_SeedAndBadFiles_EventsArriveAndFilesEndInDoneOrFailed()
    {
        try
        {
            await SeedAndBadFilesAsync();
        }
        catch (Exception) when (DumpRoles())
        {
            throw; // never reached: DumpRoles returns false, so the failure propagates with the roles' logs printed
        }
    }

    private bool DumpRoles()
    {
        foreach (var (role, process) in _roles)
            output.WriteLine($"--- {role} (exited: {process.HasExited}) ---\n{process.Output}");
        foreach (var folder in new[] { _folders.Inbox, _folders.Processing, _folders.Done, _folders.Failed })
            if (Directory.Exists(folder))
                output.WriteLine($"{folder}: {string.Join(", ", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)))}");
        return false;
    }

    private async Task SeedAndBadFilesAsync()
    {
        _folders.Drop("blinken-thehill.txt", TestPaths.SeedArticle());
        foreach (var (name, content) in BadFiles.All(overCap: 100_001))
            _folders.Drop(name, content);

        var e = await WaitAsync("ArticleProcessed", "blinken-thehill.txt");
        Assert.Equal("US did not encourage or enable Ukraine to strike inside Russia, Blinken says", e.GetProperty("title").GetString());
        var body = e.GetProperty("body").GetString()!;
        Assert.StartsWith("Secretary of State Antony Blinken said", body);
        Assert.DoesNotContain("Oops!", body);
        Assert.DoesNotContain("For the latest news", body);
        Assert.Equal("The Hill", e.GetProperty("source").GetString());
        Assert.Equal("World", e.GetProperty("category").GetString());
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "blinken-thehill.txt"), Timeout));

        foreach (var name in BadFiles.All(0).Keys)
        {
            var rejected = await WaitAsync("ArticleRejected", name);
            Assert.False(string.IsNullOrWhiteSpace(rejected.GetProperty("reason").GetString()));
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, name + ".error.json"), Timeout), name);
            // The reason file is written before the file is moved, so the file itself may follow a moment later.
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, name), Timeout), name);
        }

        // The pipeline keeps going after the bad files.
        _folders.Drop("later/again.txt", TestPaths.SeedArticle());
        var again = await WaitAsync("ArticleProcessed", "later/again.txt");
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.Equal("blinken-thehill.txt", again.GetProperty("duplicateOfFileName").GetString());
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "later", "again.txt"), Timeout));
    }

    private Task<JsonElement> WaitAsync(string eventName, string fileName) => _events.WaitForAsync(eventName, fileName, Timeout);

    public async Task DisposeAsync()
    {
        foreach (var (role, process) in _roles)
        {
            var stopped = await process.StopAsync(TimeSpan.FromSeconds(20));
            output.WriteLine($"{role} stopped gracefully: {stopped}");
            await process.DisposeAsync();
        }
        await _stop.CancelAsync();
        if (_tail is not null)
            await Task.WhenAny(_tail, Task.Delay(5000));
        SqliteConnection.ClearAllPools();
        _folders.Dispose();
    }
}
