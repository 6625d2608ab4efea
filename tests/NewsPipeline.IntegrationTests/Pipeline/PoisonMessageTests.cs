using System.Text;
using System.Text.Json;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// Poison messages end, on a real RabbitMQ with the roles as processes: a page whose analysis keeps running out of its
/// budget is tried Worker:MaxAttempts times, then its file goes to failed/ with the reason; the others carry on.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class PoisonMessageTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly Folders _folders = new();
    private readonly List<(string Role, PipelineProcess Process)> _roles = [];

    public async Task InitializeAsync()
    {
        var virtualHost = await broker.NewVirtualHostAsync("poison");
        var settings = _folders.Settings();
        broker.AddBusSettings(settings, virtualHost);
        settings["Http:Url"] = "http://127.0.0.1:0";
        settings["Watcher:MaxFileBytes"] = "8000000";
        // Far below what the slow page needs (seconds), far above a warm article (milliseconds); the retries absorb a cold start.
        settings["Worker:AnalysisBudget"] = "00:00:00.100";
        settings["Worker:MaxAttempts"] = "3";
        foreach (var role in new[] { "sink", "worker", "watcher" })
            _roles.Add((role, PipelineProcess.Start(role, settings)));
    }

    [Fact]
    public async Task SlowPage_TriedMaxAttemptsTimesThenFailedWithTheReason_OthersDone()
    {
        try
        {
            _folders.Drop("warm-up.txt", TestPaths.SeedArticle());
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "warm-up.txt"), Timeout), "the warm-up file was not done");

            var page = "<!DOCTYPE html><html><head><title>Slow</title></head><body>" + new StringBuilder().Insert(0, "<div><b></div>x", 45_000) + "</body></html>";
            _folders.Drop("poison.html", Encoding.UTF8.GetBytes(page));
            _folders.Drop("after.txt", Encoding.UTF8.GetBytes("Ferry service resumes\n\nThe ferry service resumed on Tuesday after a strike of four days that left thousands of commuters without a way across the bay.\n"));

            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, "poison.html.error.json"), Timeout), "the slow page never reached failed/");
            using var reason = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folders.Failed, "poison.html.error.json")));
            var text = reason.RootElement.GetProperty("reason").GetString();
            Assert.Contains("Worker:AnalysisBudget", text);
            Assert.Contains("3 attempt(s) (Worker:MaxAttempts)", text);
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "after.txt"), Timeout), "the file after the slow page was not done");
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
        return false;
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, process) in _roles)
            await process.DisposeAsync();
        _folders.Dispose();
    }
}
