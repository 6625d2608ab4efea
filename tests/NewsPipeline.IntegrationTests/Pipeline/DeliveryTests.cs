using System.Collections.Concurrent;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;
using NewsPipeline.Hosting;
using NewsPipeline.Testing;
using NewsPipeline.Watcher;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// One final outcome per delivery, in the embedded pipeline (real files, SQLite, the in-memory bus): a re-drop is a new
/// delivery, a redelivery of one claim republishes the same MessageId, and a delivery announced too often ends.
/// </summary>
public sealed class DeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Folders _folders = new();
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _events = new();
    private WebApplication? _app;

    private const string Story = "Harbour bridge reopens after repairs\n\nThe harbour bridge reopened to traffic on Friday after eight months of repairs that cost the county more than twelve million dollars.\n\nOfficials said buses would return to the old route from Monday.\n";

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = _folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        _app = PipelineHost.Build(Roles.All, settings);
        await _app.StartAsync();
        // A subscriber on the pipeline's own bus: it sees each event with the MessageId subscribers get.
        var handle = _app.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint("delivery-tests", e =>
        {
            e.Handler<ArticleProcessed>(c => Record(c.MessageId, c.Message));
            e.Handler<ArticleRejected>(c => Record(c.MessageId, c.Message));
        });
        await handle.Ready;
    }

    private Task Record(Guid? messageId, object message)
    {
        _events.Enqueue((messageId, message));
        return Task.CompletedTask;
    }

    private async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    private async Task<List<(Guid? MessageId, T Message)>> WaitForAsync<T>(int count, Func<T, bool> which)
    {
        List<(Guid?, T)> Found() => [.. _events.Where(e => e.Message is T m && which(m)).Select(e => (e.MessageId, (T)e.Message))];
        await Eventually.TryAsync(() => Found().Count >= count, Timeout, TimeSpan.FromMilliseconds(100));
        var found = Found();
        Assert.True(found.Count >= count, $"expected {count} {typeof(T).Name}, saw {found.Count}; all events: {string.Join(", ", _events.Select(e => e.Message))}\n{Listing()}");
        return found;
    }

    private string Listing() => _folders.Listing();

    [Fact]
    public async Task ReDrop_SameNameAfterItsOutcome_NewDeliveryWithItsOwnMessageId()
    {
        await StartAsync();
        _folders.Drop("bridge.txt", Encoding.UTF8.GetBytes(Story));
        var first = Assert.Single(await WaitForAsync<ArticleProcessed>(1, e => e.FileName == "bridge.txt"));
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "bridge.txt"), Timeout), Listing());

        _folders.Drop("bridge.txt", Encoding.UTF8.GetBytes(Story));
        var both = await WaitForAsync<ArticleProcessed>(2, e => e.FileName == "bridge.txt");
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "bridge (2).txt"), Timeout), Listing());

        var second = both.Single(e => e.MessageId != first.MessageId);
        Assert.NotEqual(first.Message.ClaimId, second.Message.ClaimId);
        Assert.Equal("processed", first.Message.Status);
        Assert.Equal("duplicate", second.Message.Status);
        Assert.Equal(first.Message.ArticleId, second.Message.ArticleId);
        Assert.True(second.Message.ProcessedAt > first.Message.ProcessedAt);
        Assert.Equal(2L, Count("deliveries"));
        Assert.Equal(1L, Count("articles"));
    }

    [Fact]
    public async Task Redelivery_SameClaimAnnouncedAgainAfterARestart_SameMessageIdAndOneRow()
    {
        // A crash after the sink stored the outcome, before the file moved: the file and its claim are still in processing.
        var content = Encoding.UTF8.GetBytes(Story);
        var claimed = ClaimFile("left/bridge.txt", content, attempts: 1);
        await StartAsync();
        var first = Assert.Single(await WaitForAsync<ArticleProcessed>(1, e => e.FileName == "left/bridge.txt"));
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "left", "bridge.txt"), Timeout), Listing());
        await StopAsync();

        ClaimFile("left/bridge.txt", content, attempts: 1, claimed.ClaimId);
        await StartAsync();
        var again = await WaitForAsync<ArticleProcessed>(2, e => e.FileName == "left/bridge.txt");

        Assert.Equal(claimed.ClaimId, first.Message.ClaimId);
        Assert.All(again, e => Assert.Equal(first.MessageId, e.MessageId));
        Assert.Equal(EventIds.Of(first.Message), first.MessageId);
        Assert.Equal(1L, Count("deliveries"));
    }

    [Fact]
    public async Task Restart_DeliveryAlreadyAnnouncedMaxAttemptsTimes_RejectedNamingTheSetting()
    {
        // Announced three times already, each ending in a crash: the fourth start gives up on it.
        ClaimFile("poison.txt", Encoding.UTF8.GetBytes(Story), attempts: 3);
        await StartAsync(new() { ["Watcher:MaxAttempts"] = "3" });
        _folders.Drop("fine.txt", TestPaths.SeedArticle());

        var rejected = Assert.Single(await WaitForAsync<ArticleRejected>(1, e => e.FileName == "poison.txt"));
        await WaitForAsync<ArticleProcessed>(1, e => e.FileName == "fine.txt");

        Assert.Contains("Watcher:MaxAttempts", rejected.Message.Reason);
        Assert.Equal(Stages.Watcher, rejected.Message.Stage);
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, "poison.txt.error.json"), Timeout), Listing());
        Assert.DoesNotContain(_events, e => e.Message is ArticleProcessed { FileName: "poison.txt" });
    }

    [Fact]
    public async Task Scan_WritersTempNames_LeftInTheInboxWhileOthersAreTaken()
    {
        await StartAsync();
        _folders.Drop("~draft.txt", Encoding.UTF8.GetBytes(Story));
        File.WriteAllBytes(Path.Combine(_folders.Inbox, "story.txt.part"), Encoding.UTF8.GetBytes(Story));
        _folders.Drop("story.txt", TestPaths.SeedArticle());

        // Dropped after the others: by the scan that takes it, the others were stable long enough to be taken too.
        await WaitForAsync<ArticleProcessed>(1, e => e.FileName == "story.txt");

        Assert.True(File.Exists(Path.Combine(_folders.Inbox, "~draft.txt")), Listing());
        Assert.True(File.Exists(Path.Combine(_folders.Inbox, "story.txt.part")), Listing());
        Assert.DoesNotContain(_events, e => e.Message is ArticleProcessed { FileName: "~draft.txt" } or ArticleRejected { FileName: "~draft.txt" });
    }

    /// <summary>A file left claimed by an earlier run, with its claim record.</summary>
    private ClaimRecord ClaimFile(string name, byte[] content, int attempts, string? claimId = null)
    {
        var path = Path.Combine(_folders.Processing, name.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        var claim = ClaimRecord.New(name, new FileInfo(path), DateTimeOffset.UtcNow) with { Attempts = attempts };
        if (claimId is not null)
            claim = claim with { ClaimId = claimId };
        claim.Write(path);
        return claim;
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={_folders.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            output.WriteLine(Listing());
            SqliteConnection.ClearAllPools();
            _folders.Dispose();
        }
    }
}
