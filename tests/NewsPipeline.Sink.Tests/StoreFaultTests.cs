using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Faults;
using NewsPipeline.Core.Ports;
using NSubstitute;

namespace NewsPipeline.Sink.Tests;

/// <summary>The sink consumer against a store that fails: the article's own fault rejects only it; the store's trouble rejects nothing.</summary>
public sealed class StoreFaultTests
{
    private static ArticleAnalysed Analysed(string id) =>
        ArticleRecorderTests.Candidate(id, id + ".txt", $"Story {id}: the council met on Monday and approved the budget for the {id} district after a long debate.", new Fingerprinter());

    private static IArticleStore Store(Func<IReadOnlyList<StoredArticle>, Task> save)
    {
        var store = TestStores.Empty();
        var cursor = 0L;
        store.SaveManyAsync(default!, default).ReturnsForAnyArgs(async call =>
        {
            var batch = call.Arg<IReadOnlyList<StoredArticle>>();
            await save(batch);
            return (IReadOnlyList<long>)[.. batch.Select(_ => Interlocked.Increment(ref cursor))];
        });
        store.AppendRejectionsAsync(default!, default).ReturnsForAnyArgs(call =>
            (IReadOnlyList<long>)[.. call.Arg<IReadOnlyList<ArticleRejected>>().Select(_ => Interlocked.Increment(ref cursor))]);
        return store;
    }

    private static async Task<(ServiceProvider Provider, ITestHarness Harness)> StartAsync(IArticleStore store)
    {
        var provider = new ServiceCollection()
            .AddSingleton(store)
            .AddNewsPipelineSink()
            .AddMassTransitTestHarness(x => x.AddSinkConsumers())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        harness.TestTimeout = TimeSpan.FromSeconds(60);
        await harness.Start();
        return (provider, harness);
    }

    [Fact]
    public async Task Consume_OneArticleCannotBeStored_OnlyItIsRejectedTheOthersAreProcessed()
    {
        var store = Store(batch => batch.Any(a => a.Outcome.ArticleId == "bad") ? throw new InvalidOperationException("value out of range") : Task.CompletedTask);
        var (provider, harness) = await StartAsync(store);
        await using var _ = provider;

        var sink = await harness.Bus.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(new ArticlesAnalysed("w", [Analysed("a1"), Analysed("bad"), Analysed("b2")], []));

        Assert.True(await harness.Published.Any<ArticleRejected>(m => m.Context.Message.ArticleId == "bad"));
        Assert.True(await harness.Published.Any<ArticleProcessed>(m => m.Context.Message.ArticleId == "a1"));
        Assert.True(await harness.Published.Any<ArticleProcessed>(m => m.Context.Message.ArticleId == "b2"));
        Assert.False(await harness.Published.Any<ArticleRejected>(m => m.Context.Message.ArticleId != "bad"));
        Assert.Contains("value out of range", harness.Published.Select<ArticleRejected>().Single().Context.Message.Reason);
        // The watcher hears all three in one notice.
        Assert.True(await harness.Sent.Any<FilesRecorded>());
        var notice = Assert.Single(harness.Sent.Select<FilesRecorded>()).Context.Message;
        Assert.Equal(["a1", "b2"], notice.Files.Select(f => f.ArticleId).Order());
        Assert.Equal("bad", Assert.Single(notice.Rejected).ArticleId);
    }

    [Fact]
    public async Task Consume_StoreDownForAWhile_WaitsAndStoresWithoutRejecting()
    {
        var failures = 3;
        var store = Store(_ => Interlocked.Decrement(ref failures) >= 0 ? throw new StoreUnavailableException("store unreachable") : Task.CompletedTask);
        var (provider, harness) = await StartAsync(store);
        await using var _ = provider;

        var sink = await harness.Bus.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(new ArticlesAnalysed("w", [Analysed("a1")], []));

        Assert.True(await harness.Published.Any<ArticleProcessed>(m => m.Context.Message.ArticleId == "a1"));
        Assert.False(await harness.Published.Any<ArticleRejected>());
        Assert.False(await harness.Published.Any<Fault<ArticlesAnalysed>>());
    }
}
