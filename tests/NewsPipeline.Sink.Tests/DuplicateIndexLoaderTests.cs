using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Faults;
using NewsPipeline.Core.Ports;
using NSubstitute;

namespace NewsPipeline.Sink.Tests;

/// <summary>The sink is not ready until its duplicate index holds what the store holds.</summary>
public sealed class DuplicateIndexLoaderTests
{
    private static (ArticleRecorder Recorder, DuplicateIndexLoader Loader, DuplicateIndexHealthCheck Check) Create(IArticleStore store)
    {
        var recorder = ArticleRecorderTests.Recorder(store, new DuplicateIndex(), Options.Create(new DedupOptions()));
        return (recorder, new DuplicateIndexLoader(recorder, TimeProvider.System, NullLogger<DuplicateIndexLoader>.Instance), new DuplicateIndexHealthCheck(recorder));
    }

    [Fact]
    public async Task CheckHealthAsync_WhileTheIndexLoads_UnhealthyUntilLoaded()
    {
        var count = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = TestStores.Empty();
        store.CountArticlesAsync(default).ReturnsForAnyArgs(count.Task);
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
        var store = TestStores.Empty();
        store.CountArticlesAsync(default).ReturnsForAnyArgs(_ => ++attempts == 1 ? throw new StoreUnavailableException("store down") : Task.FromResult(0));
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
