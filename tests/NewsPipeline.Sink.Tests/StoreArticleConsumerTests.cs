using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NewsPipeline.Storage;

namespace NewsPipeline.Sink.Tests;

public sealed class StoreArticleConsumerTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("np-sinkc-").FullName;

    private static ArticleAnalysed Analysed(string id, string file) => new()
    {
        ArticleId = id,
        FileName = file,
        ReceivedAt = DateTimeOffset.UnixEpoch,
        Title = "Blinken says",
        Body = "Secretary of State Antony Blinken said the United States did not encourage the strikes.",
        Source = "The Hill",
        Contributors = ["The Associated Press"],
        WordCount = 14,
        Category = "World",
        Confidence = 0.97,
        BodyHash = new Fingerprinter().Compute("Secretary of State Antony Blinken said the United States did not encourage the strikes.").BodyHash,
        Signature = new Fingerprinter().Compute("Secretary of State Antony Blinken said the United States did not encourage the strikes.").Signature,
    };

    [Fact]
    public async Task Consume_Redelivered_PublishesTheSameEventsWithTheirCursorsAndTellsTheWatcher()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton<IArticleStore>(_ => SqlArticleStore.Sqlite(Path.Combine(_dir, "c.db")))
            .AddNewsPipelineSink()
            .AddMassTransitTestHarness(x => x.AddSinkConsumers())
            .BuildServiceProvider(true);
        await provider.GetRequiredService<IArticleStore>().InitialiseAsync(default);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var sink = await harness.Bus.GetSendEndpoint(Endpoints.SinkQueue);
        var rejected = new ArticleRejected("r1", "bad.bin", "normalise", "binary content", DateTimeOffset.UnixEpoch, "c1");
        await sink.Send(new ArticlesAnalysed("w", [Analysed("a1", "seed.txt")], [rejected]));
        await sink.Send(new ArticlesAnalysed("w", [Analysed("a1", "seed.txt")], [rejected]));

        // The two may be taken in one sink batch or in two: one notice per batch either way.
        await Eventually.TrueAsync(() => harness.Consumed.Select<ArticlesAnalysed>().Count() >= 2 && harness.Sent.Select<FilesRecorded>().Any(), TimeSpan.FromSeconds(30));
        Assert.Equal(2, harness.Consumed.Select<ArticlesAnalysed>().Count());
        Assert.InRange(harness.Sent.Select<FilesRecorded>().Count(), 1, 2);
        Assert.True(await harness.Published.Any<ArticleProcessed>());

        // The harness keys published messages by MessageId: the redelivery's event carries the same id.
        var published = Assert.Single(harness.Published.Select<ArticleProcessed>());
        Assert.Equal("processed", published.Context.Message.Status);
        Assert.Equal("The Hill", published.Context.Message.Source);
        Assert.Equal(NewsPipeline.Contracts.Events.EventIds.Of("ArticleProcessed", "a1", "seed.txt", ""), published.Context.MessageId);
        // Both events carry the cursor they were logged at; the republished ones the same (one message per id).
        var logged = await provider.GetRequiredService<IArticleStore>().ReadEventsAsync(0, 10, default);
        Assert.Equal(logged.Select(e => (long?)e.Cursor),
            [published.Context.Message.Cursor, Assert.Single(harness.Published.Select<ArticleRejected>()).Context.Message.Cursor]);
        // Each batch's notice tells the watcher of both files.
        Assert.All(harness.Sent.Select<FilesRecorded>(), n =>
            Assert.Equal(["seed.txt", "bad.bin"], n.Context.Message.Files.Select(f => f.FileName).Concat(n.Context.Message.Rejected.Select(r => r.FileName))));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
