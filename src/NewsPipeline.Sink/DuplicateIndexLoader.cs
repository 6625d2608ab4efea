using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Faults;

namespace NewsPipeline.Sink;

/// <summary>
/// Loads the duplicate index at start, in the background, so a large store does not hold up the host; readiness says
/// 503 until it is loaded (<see cref="DuplicateIndexHealthCheck"/>). A store that cannot be read yet is tried again.
/// </summary>
public sealed class DuplicateIndexLoader(ArticleRecorder recorder, TimeProvider time, ILogger<DuplicateIndexLoader> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !recorder.IndexLoaded)
        {
            try
            {
                await recorder.LoadIndexAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && FaultPolicy.IsTransient(e))
            {
                logger.LogWarning("Cannot load the duplicate index yet ({Reason}); trying again in {RetryEvery}", e.Message, RetryEvery);
                await Task.Delay(RetryEvery, time, stoppingToken);
            }
        }
    }
}

public sealed class DuplicateIndexHealthCheck(ArticleRecorder recorder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(recorder.IndexLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the duplicate index is still loading"));
}
