using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli;
using NewsPipeline.Core.Pipeline;
using NewsPipeline.Hosting;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>The embedded default, in process: real files, real SQLite, in-memory bus, events over the loopback stream.</summary>
public sealed class EmbeddedPipelineTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Folders _folders = new();
    private readonly EventCollector _events = new();
    private readonly CancellationTokenSource _stop = new();
    private const string LeftOver = "Sports league announces new season schedule\n\nThe league announced on Monday that the new season will open in September with twelve teams.\n";
    private WebApplication? _app;
    private Task? _tail;

    public async Task InitializeAsync()
    {
        // Left behind by a "crash": a claimed file that never got its outcome.
        Directory.CreateDirectory(_folders.Processing);
        await File.WriteAllTextAsync(Path.Combine(_folders.Processing, "left-over.txt"), LeftOver);

        var settings = _folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        _app = PipelineHost.Build(Roles.All, settings);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tail = TailCommand.TailEmbeddedAsync(new Uri(new Uri(address + "/"), "events"), _events, _stop.Token, connected.SetResult);
        // Files are dropped only once the subscriber is in, so no test waits for an event that went before it.
        Assert.Same(connected.Task, await Task.WhenAny(connected.Task, _tail, Task.Delay(Timeout)));
    }

    [Fact]
    public async Task SeedDropped_ProcessedEventArrivesAndFileEndsInDone()
    {
        _folders.Drop("blinken-thehill.txt", TestPaths.SeedArticle());

        var e = await _events.WaitForAsync("ArticleProcessed", "blinken-thehill.txt", Timeout);

        Assert.Equal("US did not encourage or enable Ukraine to strike inside Russia, Blinken says", e.GetProperty("title").GetString());
        var body = e.GetProperty("body").GetString()!;
        Assert.StartsWith("Secretary of State Antony Blinken said", body);
        Assert.DoesNotContain("Oops!", body);
        Assert.DoesNotContain("For the latest news", body);
        Assert.Equal("The Hill", e.GetProperty("source").GetString());
        Assert.Equal("World", e.GetProperty("category").GetString());
        Assert.Equal("processed", e.GetProperty("status").GetString());
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "blinken-thehill.txt"), Timeout));
        Assert.False(File.Exists(Path.Combine(_folders.Inbox, "blinken-thehill.txt")));
    }

    [Fact]
    public async Task BadFiles_AreRejectedToFailedWithReasonAndPipelineKeepsGoing()
    {
        foreach (var (name, content) in BadFiles.All(overCap: 100_001))
            _folders.Drop(name, content);
        _folders.Drop("after/good.txt", TestPaths.SeedArticle());

        foreach (var name in BadFiles.All(0).Keys)
        {
            var rejected = await _events.WaitForAsync("ArticleRejected", name, Timeout);
            Assert.False(string.IsNullOrWhiteSpace(rejected.GetProperty("reason").GetString()));
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, name), Timeout), name);
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, name + ".error.json"), Timeout), name);
            using var reason = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folders.Failed, name + ".error.json")));
            Assert.False(string.IsNullOrWhiteSpace(reason.RootElement.GetProperty("reason").GetString()));
        }
        await _events.WaitForAsync("ArticleProcessed", "after/good.txt", Timeout);
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "after", "good.txt"), Timeout));
    }

    [Fact]
    public async Task SameContentTwice_OneArticleRowAndTheLaterFileIsADuplicateInDone()
    {
        var seed = TestPaths.SeedArticle();
        _folders.Drop("first.txt", seed);
        await _events.WaitForAsync("ArticleProcessed", "first.txt", Timeout);
        _folders.Drop("again.txt", seed);

        var again = await _events.WaitForAsync("ArticleProcessed", "again.txt", Timeout);

        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        Assert.Equal("first.txt", again.GetProperty("duplicateOfFileName").GetString());
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "again.txt"), Timeout));
        await using var connection = new SqliteConnection($"Data Source={_folders.Database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // Count this content's rows only: the crash-recovery file from InitializeAsync is stored in this database too.
        command.CommandText = "SELECT count(*) FROM articles WHERE article_id = $id";
        command.Parameters.AddWithValue("$id", ContentId.Of(seed));
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task FileLeftInProcessingByACrash_IsAnnouncedAgainOnStart()
    {
        // Recovery runs as the host starts, before any subscriber can connect, so the proof is the store and done/.
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "left-over.txt"), Timeout));

        await using var connection = new SqliteConnection($"Data Source={_folders.Database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT title FROM articles WHERE article_id = $id";
        command.Parameters.AddWithValue("$id", ContentId.Of(Encoding.UTF8.GetBytes(LeftOver)));
        Assert.Equal("Sports league announces new season schedule", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task HealthEndpoints_LiveAndReady_ReportHealthy()
    {
        var address = _app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var live = await client.GetAsync("/health/live");
        HttpResponseMessage ready = await client.GetAsync("/health/ready");
        await Eventually.TryAsync(async () => (ready = await client.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(10));

        Assert.True(live.IsSuccessStatusCode);
        Assert.True(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.True(report.GetProperty("checks").EnumerateObject().Count() >= 3, report.ToString());
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_tail is not null)
            await Task.WhenAny(_tail, Task.Delay(2000));
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _folders.Dispose();
    }
}
