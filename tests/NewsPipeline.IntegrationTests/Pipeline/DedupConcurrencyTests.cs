using System.Globalization;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Data.Sqlite;
using NewsPipeline.Cli;
using NewsPipeline.Contracts;
using NewsPipeline.Core.Pipeline;
using NewsPipeline.Hosting;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// Real concurrency on a real broker: two workers and two sinks (one active, one hot standby on the single-active-
/// consumer queue) as separate processes, and both copies of several near-duplicate pairs announced at the same
/// moment. Each pair must end with exactly one original. Announced on the worker queue, as the watcher announces
/// files, so the test does not depend on the watcher.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DedupConcurrencyTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private const int Pairs = 8;
    private static readonly string[] OneCopyOneOriginal = ["duplicate", "processed"];
    private readonly Folders _folders = new();
    private readonly EventCollector _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Role, PipelineProcess Process)> _roles = [];
    private Task? _tail;
    private IBusControl? _bus;
    private RabbitMqOptions _rabbit = new();

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(TestPaths.Executable), $"build the solution first: {TestPaths.Executable} is missing");
        var virtualHost = await broker.NewVirtualHostAsync("dedup");
        _rabbit = broker.Options(virtualHost);
        _tail = TailCommand.TailRabbitMqAsync(_rabbit, _events, _stop.Token);
        // The subscriber's temporary queue, the only queue of this fresh virtual host, bound and consumed before any event.
        await broker.WaitForConsumerAsync(virtualHost, _ => true, Timeout);
        foreach (var role in new[] { "sink", "sink", "worker", "worker" })
        {
            var settings = _folders.Settings();
            broker.AddBusSettings(settings, virtualHost);
            settings["Http:Url"] = FreePort.HttpUrl();
            _roles.Add((role, PipelineProcess.Start(role, settings)));
        }
        foreach (var (_, process) in _roles)
            await process.WaitForReadyAsync();

        _bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(_rabbit.Host, _rabbit.Port, _rabbit.VirtualHost, h =>
        {
            h.Username(_rabbit.Username);
            h.Password(_rabbit.Password);
        }));
        await _bus.StartAsync();
    }

    [Fact]
    public async Task NearCopiesArrivingTogether_SeveralWorkersAndSinks_ExactlyOneOriginalPerPair()
    {
        var random = new Random(42);
        var files = new List<(int Pair, string Name, byte[] Content)>();
        for (var pair = 0; pair < Pairs; pair++)
        {
            var title = $"Story {pair}: " + Words(random, 6);
            var body = string.Join("\n\n", Enumerable.Range(0, 4).Select(_ => Words(random, 45) + "."));
            files.Add((pair, $"pair{pair}/wire.txt", Encoding.UTF8.GetBytes($"{title}\n\n{body}\n")));
            // The copy adds a paragraph of its own (a line shared by every copy would be learned as boilerplate).
            var extra = Words(random, 14) + ".";
            files.Add((pair, $"pair{pair}/site.txt", Encoding.UTF8.GetBytes($"{title}\n\n{body}\n\n{extra}\n\nAdditional reporting by Jane Doe; editing by John Roe.\n")));
        }

        var worker = await _bus!.GetSendEndpoint(new Uri($"queue:{Endpoints.Worker}"));
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(files.Select(f => worker.Send(new ArticlesReceived("", [new ArticleReceived(ContentId.Of(f.Content), f.Name, f.Content, now)]))));

        foreach (var pair in files.GroupBy(f => f.Pair))
        {
            var events = new List<JsonElement>();
            foreach (var file in pair)
                events.Add(await WaitAsync(file.Name));
            var statuses = events.Select(e => e.GetProperty("status").GetString() ?? "").Order().ToArray();
            Assert.Equal(OneCopyOneOriginal, statuses);
            var original = events.Single(e => e.GetProperty("status").GetString() == "processed");
            var copy = events.Single(e => e.GetProperty("status").GetString() == "duplicate");
            Assert.Equal(original.GetProperty("articleId").GetString(), copy.GetProperty("duplicateOf").GetString());
            Assert.Equal(original.GetProperty("fileName").GetString(), copy.GetProperty("duplicateOfFileName").GetString());
            Assert.Equal(original.GetProperty("storyId").GetString(), copy.GetProperty("storyId").GetString());
            Assert.Equal("near", copy.GetProperty("matchMethod").GetString());
        }
        Assert.Equal(Pairs, _events.Events.Count(e => e.GetProperty("status").GetString() == "processed"));
    }

    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(1_000_000).ToString("x", CultureInfo.InvariantCulture)));

    private async Task<JsonElement> WaitAsync(string fileName)
    {
        try
        {
            return await _events.WaitForAsync("ArticleProcessed", fileName, Timeout);
        }
        catch (TimeoutException)
        {
            foreach (var (role, process) in _roles)
                output.WriteLine($"--- {role} (exited: {process.HasExited}) ---\n{process.Output}");
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null)
            await _bus.StopAsync();
        foreach (var (_, process) in _roles)
            await process.DisposeAsync();
        await _stop.CancelAsync();
        if (_tail is not null)
            await Task.WhenAny(_tail, Task.Delay(5000));
        SqliteConnection.ClearAllPools();
        _folders.Dispose();
    }
}
