using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Watcher.Tests;

public sealed class FileOutcomeConsumerTests : IDisposable
{
    private readonly TempFolders _folders = new();

    private async Task<(ServiceProvider Provider, ITestHarness Harness)> StartAsync()
    {
        var provider = new ServiceCollection()
            .AddSingleton(_folders.Paths)
            .AddSingleton<InFlightFiles>()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<FileOutcomes>()
            .AddSingleton(sp => new WatcherMetrics(sp.GetRequiredService<InFlightFiles>(), TimeProvider.System))
            .AddMassTransitTestHarness(x =>
            {
                x.AddWatcherConsumers();
                x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(1)); // "no fault published" waits this long
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (provider, harness);
    }

    private static RecordedFile Processed(string id, string fileName, string status) => new(id, fileName, "", status, "World");

    /// <summary>As the sink sends it: to the watcher's queue, which no exchange is bound to.</summary>
    private static async Task SendAsync(ITestHarness harness, FilesRecorded notice) =>
        await (await harness.Bus.GetSendEndpoint(new Uri($"queue:{WatcherOptions.DefaultOutcomeQueue}"))).Send(notice);

    [Fact]
    public async Task Consume_PublishedOutcomes_FilesEndInDoneAndFailed()
    {
        TempFolders.Write(_folders.Paths.Processing, "ok.txt", "ok");
        TempFolders.Write(_folders.Paths.Processing, "copy.txt", "copy");
        TempFolders.Write(_folders.Paths.Processing, "bad.json", "{");
        var (provider, harness) = await StartAsync();
        await using var _ = provider;

        await SendAsync(harness, new FilesRecorded(
            [Processed("id-ok", "ok.txt", "processed"), Processed("id-copy", "copy.txt", "duplicate")],
            [new ArticleRejected("id-bad", "bad.json", "normalise", "malformed JSON", DateTimeOffset.UnixEpoch)]));

        var consumer = harness.GetConsumerHarness<FileOutcomeConsumer>();
        Assert.True(await consumer.Consumed.Any<FilesRecorded>());
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Done, "ok.txt")));
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Done, "copy.txt")));
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Failed, "bad.json")));
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Failed, "bad.json.error.json")));
        Assert.Empty(Directory.EnumerateFiles(_folders.Paths.Processing));
    }

    [Fact]
    public async Task Consume_RedeliveredOutcome_NoFaultAndNothingMovedTwice()
    {
        TempFolders.Write(_folders.Paths.Processing, "ok.txt", "ok");
        var (provider, harness) = await StartAsync();
        await using var _ = provider;

        var notice = new FilesRecorded([Processed("id-ok", "ok.txt", "processed")], []);
        await SendAsync(harness, notice);
        await SendAsync(harness, notice);

        var consumer = harness.GetConsumerHarness<FileOutcomeConsumer>();
        await Eventually.UntilAsync(() => consumer.Consumed.Select<FilesRecorded>().Count() >= 2,
            () => $"{consumer.Consumed.Select<FilesRecorded>().Count()} consumed");
        Assert.Equal(2, consumer.Consumed.Select<FilesRecorded>().Count());
        Assert.False(await harness.Published.Any<Fault<FilesRecorded>>());
        Assert.Equal(["ok.txt"], Directory.EnumerateFiles(_folders.Paths.Done).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Consume_OneFileCannotBeMoved_ItsBatchMatesAreMovedAndNothingFaults()
    {
        TempFolders.Write(_folders.Paths.Processing, "blocked/a.txt", "a");
        TempFolders.Write(_folders.Paths.Processing, "ok.txt", "ok");
        TempFolders.Write(_folders.Paths.Processing, "bad.json", "{");
        // A file where done/blocked/ should be: a.txt cannot get there, even as root.
        TempFolders.Write(_folders.Paths.Done, "blocked", "in the way");
        var (provider, harness) = await StartAsync();
        await using var _ = provider;

        await SendAsync(harness, new FilesRecorded(
            [Processed("id-a", "blocked/a.txt", "processed"), Processed("id-ok", "ok.txt", "processed")],
            [new ArticleRejected("id-bad", "bad.json", "normalise", "malformed JSON", DateTimeOffset.UnixEpoch)]));

        var consumer = harness.GetConsumerHarness<FileOutcomeConsumer>();
        Assert.True(await consumer.Consumed.Any<FilesRecorded>());
        await Eventually.UntilAsync(() => File.Exists(Path.Combine(_folders.Paths.Failed, "bad.json")),
            () => string.Join(", ", Directory.EnumerateFiles(_folders.Paths.Processing, "*", SearchOption.AllDirectories)));
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Done, "ok.txt")));
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Processing, "blocked", "a.txt")));
        Assert.False(await harness.Published.Any<Fault<FilesRecorded>>());
    }

    public void Dispose() => _folders.Dispose();
}
