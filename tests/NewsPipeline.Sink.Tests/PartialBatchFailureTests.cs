using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Faults;
using NewsPipeline.Core.Ports;
using NewsPipeline.Storage;

namespace NewsPipeline.Sink.Tests;

/// <summary>
/// A hop batch that fails part-way never loses or doubles an article. Real SQLite; the store fails the way the world
/// does: a commit whose answer is lost (stored, yet the sink sees an error), and a write that fails before it commits.
/// </summary>
public sealed class PartialBatchFailureTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("np-partial-").FullName;

    /// <summary>The real store, with one failure injected into chosen saves.</summary>
    private sealed class FlakyStore(IArticleStore inner, Func<int, bool> lostAnswer, Func<int, bool> failBefore) : IArticleStore
    {
        private int _saves;

        public async Task<IReadOnlyList<long>> SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _saves);
            if (failBefore(n))
                throw new StoreUnavailableException($"save {n}: connection lost before the commit");
            var cursors = await inner.SaveManyAsync(articles, cancellationToken);
            return lostAnswer(n) ? throw new StoreUnavailableException($"save {n}: committed, but the answer was lost") : cursors;
        }

        public Task InitialiseAsync(CancellationToken cancellationToken) => inner.InitialiseAsync(cancellationToken);
        public Task<ArticleProcessed?> FindAsync(string articleId, string fileName, string claimId, CancellationToken cancellationToken) => inner.FindAsync(articleId, fileName, claimId, cancellationToken);
        public Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken) => inner.FindArticleAsync(articleId, cancellationToken);
        public Task<IReadOnlyList<long>> AppendRejectionsAsync(IReadOnlyList<ArticleRejected> rejections, CancellationToken cancellationToken) => inner.AppendRejectionsAsync(rejections, cancellationToken);
        public Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(long cursor, int max, CancellationToken cancellationToken) => inner.ReadEventsAsync(cursor, max, cancellationToken);
        public Task<long> LastCursorAsync(CancellationToken cancellationToken) => inner.LastCursorAsync(cancellationToken);
        public Task<StoredLookup> FindManyAsync(IReadOnlyList<DeliveryKey> deliveries, CancellationToken cancellationToken) => inner.FindManyAsync(deliveries, cancellationToken);
        public Task<IReadOnlyList<SequencedDedupEntry>> ReadDedupEntriesAsync(long afterSeq, int max, CancellationToken cancellationToken) => inner.ReadDedupEntriesAsync(afterSeq, max, cancellationToken);
        public Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken) => inner.DeleteAsync(articleId, cancellationToken);
        public Task<int> CountArticlesAsync(CancellationToken cancellationToken) => inner.CountArticlesAsync(cancellationToken);
        public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => inner.IsHealthyAsync(cancellationToken);
    }

    private static ArticleAnalysed Article(int i) => ArticleRecorderTests.Candidate($"a{i}", $"f{i}.txt",
        $"Story {i}: the council of district {i} met on Monday and approved its budget of {i * 1000} after a long debate about roads and schools.",
        new Fingerprinter());

    [Theory]
    [InlineData(true, false)] // the first commit's answer is lost: the retry finds the batch stored
    [InlineData(false, true)] // the first write fails before its commit: the retry stores the batch
    public async Task Consume_SaveFailsPartWay_EveryArticleStoredOnceAndEveryEventOnceWithItsCursor(bool lostAnswer, bool failBefore)
    {
        var sqlite = SqlArticleStore.Sqlite(Path.Combine(_dir, "p.db"));
        await sqlite.InitialiseAsync(default);
        var store = new FlakyStore(sqlite, n => lostAnswer && n == 1, n => failBefore && n == 1);
        await using var provider = new ServiceCollection()
            .AddSingleton<IArticleStore>(store)
            .AddNewsPipelineSink()
            .AddMassTransitTestHarness(x => x.AddSinkConsumers())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromSeconds(60);
        await harness.Start();
        var rejected = new ArticleRejected("r1", "bad.bin", "normalise", "binary content", DateTimeOffset.UnixEpoch, "c1");

        // Two worker batches; the sink takes them together or one after the other, either way through the failure.
        var sink = await harness.Bus.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(new ArticlesAnalysed("w", [.. Enumerable.Range(0, 20).Select(Article)], [rejected]));
        await sink.Send(new ArticlesAnalysed("w", [.. Enumerable.Range(20, 20).Select(Article)], []));

        await Eventually.TrueAsync(() => Told(harness).Count >= 41, TimeSpan.FromSeconds(60));
        var told = Told(harness);
        Assert.True(told.Count == 41, $"the watcher was told of {told.Count} of 41 files: {string.Join(", ", told.Order())}");

        var logged = await sqlite.ReadEventsAsync(0, 1000, default);
        Assert.Equal(41, logged.Count);
        Assert.Equal(40, await sqlite.CountArticlesAsync(default));
        Assert.Equal(41, logged.Select(e => e.Processed?.FileName ?? e.Rejected!.FileName).Distinct().Count());
        // Whatever was published (again) carries the cursor its delivery was logged at, once per MessageId.
        var cursorOf = logged.ToDictionary(e => e.Processed?.FileName ?? e.Rejected!.FileName, e => (long?)e.Cursor);
        var published = harness.Published.Select<ArticleProcessed>().Select(p => p.Context.Message).ToList();
        Assert.Equal(40, published.Count);
        Assert.All(published, e => Assert.Equal(cursorOf[e.FileName], e.Cursor));
        Assert.Equal(cursorOf["bad.bin"], Assert.Single(harness.Published.Select<ArticleRejected>()).Context.Message.Cursor);
        Assert.False(await harness.Published.Any<ArticleRejected>(r => r.Context.Message.ArticleId != "r1"));
    }

    private static HashSet<string> Told(ITestHarness harness) =>
        [.. harness.Sent.Select<FilesRecorded>().SelectMany(n => n.Context.Message.Files.Select(f => f.FileName).Concat(n.Context.Message.Rejected.Select(r => r.FileName)))];

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
