using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage;

internal sealed class StoreHealthCheck(IArticleStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsHealthyAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the store cannot be reached, or its last write failed (see the log)");
}
