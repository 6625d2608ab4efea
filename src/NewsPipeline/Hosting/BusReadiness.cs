using System.Net.Sockets;
using MassTransit;
using NewsPipeline.Watcher;

namespace NewsPipeline.Hosting;

/// <summary>
/// Ready = MassTransit reports the bus healthy (connected, every endpoint Ready; Degraded is not ready), every endpoint
/// consumes by <see cref="EndpointLiveness"/> (which sees the wedge MassTransit does not), and, on RabbitMQ, the broker
/// accepts a TCP connection (checked at most every 2 s, so a broker that died is noticed even before any endpoint faults).
/// </summary>
public sealed class BusReadiness(IBusControl bus, EndpointLiveness liveness, RabbitMqOptions? broker, TimeProvider time) : IBusReadiness, IDisposable
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _probeGate = new(1, 1);
    private (DateTimeOffset At, string? Failure) _lastProbe = (DateTimeOffset.MinValue, null);

    public async ValueTask<string?> NotReadyReasonAsync(CancellationToken cancellationToken)
    {
        if (broker is not null && await ProbeAsync(cancellationToken) is { } unreachable)
            return unreachable;
        var health = bus.CheckHealth();
        if (health.Status != BusHealthStatus.Healthy)
            return $"bus {health.Status}: {health.Description}";
        var stuck = liveness.NotConsuming();
        if (stuck.Count > 0)
            return "not consuming: " + string.Join("; ", stuck.Select(s => $"{s.Endpoint} ({s.Reason}, since {s.Since:HH:mm:ss})"));
        return liveness.AllConsuming ? null : "no receive endpoint ready yet";
    }

    public void Dispose() => _probeGate.Dispose();

    /// <summary>Null when the broker accepted a connection; a failure also tells the liveness tracker of an outage.</summary>
    public async ValueTask<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (broker is null)
            return null;
        await _probeGate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _lastProbe.At < ProbeEvery)
                return _lastProbe.Failure;
            string? failure = null;
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            try
            {
                await client.ConnectAsync(broker.Host, broker.Port, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = $"broker {broker.Host}:{broker.Port} unreachable: {(e is SocketException s ? s.SocketErrorCode.ToString() : "no answer within 1 s")}";
                liveness.ConnectionLost(failure);
            }
            _lastProbe = (time.GetUtcNow(), failure);
            return failure;
        }
        finally
        {
            _probeGate.Release();
        }
    }
}
