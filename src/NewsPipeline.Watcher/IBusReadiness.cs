namespace NewsPipeline.Watcher;

/// <summary>
/// Whether the bus can carry work now: the broker reachable and every receive endpoint of the process consuming.
/// The watcher asks before every scan and claims nothing while the answer is a reason (the host provides it; without
/// one the watcher falls back to MassTransit's bus health).
/// </summary>
public interface IBusReadiness
{
    /// <summary>Null when ready, else why not (for the log and /health/ready).</summary>
    ValueTask<string?> NotReadyReasonAsync(CancellationToken cancellationToken);
}
