using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NSubstitute;

namespace NewsPipeline.Sink.Tests;

/// <summary>The sink is not ready until its duplicate index holds what the store holds.</summary>
public sealed class DuplicateIndexLoaderTests
{
    private static (ArticleRecorder Recorder, DuplicateIndexLoader Loader, DuplicateIndexHealthCheck Check) Create(IArticleStore store)
    {
        var recorder = new ArticleRecorder(store, new DuplicateIndex(), Options.Create(new DedupOptions()), TimeProvider.System, NullLogger<ArticleRecorder>.Instance);
        return (recorder, new DuplicateIndexLoader(recorder, TimeProvider.System, NullLogger<DuplicateIndexLoader>.Instance), new DuplicateIndexHealthCheck(recorder));
    }

    [Fact]
    public async Task CheckHealthAsync_WhileTheIndexLoads_UnhealthyUntilLoaded()
    {
        var count = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = Substitute.For<IArticleStore>();
        store.CountArticlesAsync(default).ReturnsForAnyArgs(count.Task);
        store.LoadDedupEntriesAsync(default).ReturnsForAnyArgs(AsyncEnumerable.Empty<DedupEntry>());
        var (recorder, loader, check) = Create(store);

        using (loader)
        {
            await loader.StartAsync(default);
            var whileLoading = await check.CheckHealthAsync(new HealthCheckContext());
            count.SetResult(0);
            await loader.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
            var loaded = await check.CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Unhealthy, whileLoading.Status);
            Assert.Contains("loading", whileLoading.Description);
            Assert.Equal(HealthStatus.Healthy, loaded.Status);
            Assert.True(recorder.IndexLoaded);
        }
    }

    [Fact]
    public async Task ExecuteAsync_StoreNotReadableYet_TriesAgainUntilLoaded()
    {
        var attempts = 0;
        var store = Substitute.For<IArticleStore>();
        store.CountArticlesAsync(default).ReturnsForAnyArgs(_ => ++attempts == 1 ? throw new TimeoutException("store down") : Task.FromResult(0));
        store.LoadDedupEntriesAsync(default).ReturnsForAnyArgs(AsyncEnumerable.Empty<DedupEntry>());
        store.IsTransient(default!).ReturnsForAnyArgs(call => call.Arg<Exception>() is TimeoutException);
        var (recorder, loader, _) = Create(store);

        using (loader)
        {
            await loader.StartAsync(default);
            await loader.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(2, attempts);
            Assert.True(recorder.IndexLoaded);
        }
    }
}
