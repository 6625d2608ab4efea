using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPipeline.Watcher;

namespace NewsPipeline.Hosting;

/// <summary>"bus" in /health/ready: Unhealthy (503) while <see cref="BusReadiness"/> gives a reason.</summary>
internal sealed class BusReadinessHealthCheck(IBusReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await readiness.NotReadyReasonAsync(cancellationToken) is { } reason
            ? HealthCheckResult.Unhealthy(reason)
            : HealthCheckResult.Healthy("connected; every receive endpoint consuming");
}
