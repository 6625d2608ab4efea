using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsPipeline.Watcher;
using RabbitMQ.Client;

namespace NewsPipeline.Hosting;

/// <summary>
/// Readiness of the bus, in one place (docs/architecture.md, "Readiness"): what /health/ready's "bus" check says and what
/// the watcher asks before each scan, so that no file is claimed while nothing could carry it.
/// </summary>
internal static class BusReadinessRegistration
{
    /// <summary>Bounds the whole "bus" check, whatever a broker or a wedged endpoint does (compose's check gives up at 5 s).</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddBusReadiness(this IServiceCollection services, BusOptions bus, string transport)
    {
        services.AddSingleton<EndpointLiveness>();
        services.AddSingleton(sp => new BusReadiness(sp.GetRequiredService<IBusControl>(), sp.GetRequiredService<EndpointLiveness>(),
            transport == BusOptions.RabbitMqTransport ? new BrokerProbe(bus.RabbitMq) : null, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IBusReadiness>(sp => sp.GetRequiredService<BusReadiness>());
        services.AddHealthChecks().AddCheck<BusReadiness>("bus", tags: ["ready"], timeout: CheckTimeout);
        if (transport == BusOptions.RabbitMqTransport)
            services.AddHostedService(sp => new BusWatchdog(sp.GetRequiredService<EndpointLiveness>(), sp.GetRequiredService<BusReadiness>(),
                bus.RecoveryTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILogger<BusWatchdog>>()));
        return services;
    }
}

/// <summary>
/// Ready = on RabbitMQ, the broker answers a round trip (checked at most every 2 s, bounded to 2 s: a SIGSTOPped node
/// accepts TCP connections and answers nothing), MassTransit reports the bus healthy (connected, every endpoint Ready;
/// Degraded is not ready), and every endpoint consumes by <see cref="EndpointLiveness"/> (which sees the wedge
/// MassTransit does not). "bus" in /health/ready: Unhealthy (503) while there is a reason.
/// </summary>
public sealed class BusReadiness(IBusControl bus, EndpointLiveness liveness, BrokerProbe? broker, TimeProvider time) : IBusReadiness, IHealthCheck, IDisposable
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
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

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await NotReadyReasonAsync(cancellationToken) is { } reason
            ? HealthCheckResult.Unhealthy(reason)
            : HealthCheckResult.Healthy("connected; every receive endpoint consuming");

    public void Dispose()
    {
        _probeGate.Dispose();
        broker?.Dispose();
    }

    /// <summary>
    /// Null when the broker answered; a refusal also tells the liveness tracker of an outage (a broker that only hangs
    /// has not dropped MassTransit's connection: its endpoints resume by themselves once it answers again).
    /// </summary>
    public async ValueTask<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        if (broker is null)
            return null;
        await _probeGate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _lastProbe.At < ProbeEvery)
                return _lastProbe.Failure;
            var failure = await broker.RoundTripAsync(ProbeTimeout, cancellationToken);
            if (failure is { Refused: true })
                liveness.ConnectionLost(failure.Value.Reason);
            _lastProbe = (time.GetUtcNow(), failure?.Reason);
            return failure?.Reason;
        }
        finally
        {
            _probeGate.Release();
        }
    }
}

/// <summary>
/// One AMQP round trip (a passive declare of amq.direct, which every virtual host has) on a connection of its own, kept
/// open between probes and opened again after any failure.
/// </summary>
public sealed class BrokerProbe(RabbitMqOptions broker) : IDisposable
{
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Null when the broker answered within <paramref name="timeout"/>; else why not, and whether it refused (down) rather than hung.</summary>
    public async Task<(string Reason, bool Refused)?> RoundTripAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            if (_channel is not { IsOpen: true })
            {
                Drop();
                var factory = new ConnectionFactory
                {
                    HostName = broker.Host, Port = broker.Port, VirtualHost = broker.VirtualHost, UserName = broker.Username, Password = broker.Password,
                    RequestedConnectionTimeout = timeout, HandshakeContinuationTimeout = timeout, ContinuationTimeout = timeout,
                    AutomaticRecoveryEnabled = false, TopologyRecoveryEnabled = false, ClientProvidedName = "newspipeline readiness probe",
                };
                _connection = await factory.CreateConnectionAsync(bounded.Token);
                _channel = await _connection.CreateChannelAsync(cancellationToken: bounded.Token);
            }
            await _channel.ExchangeDeclarePassiveAsync("amq.direct", bounded.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Drop();
            return ($"broker {broker.Host}:{broker.Port} did not answer within {timeout.TotalSeconds:0.#} s", false);
        }
        catch (TimeoutException)
        {
            Drop();
            return ($"broker {broker.Host}:{broker.Port} did not answer within {timeout.TotalSeconds:0.#} s", false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever else the round trip met (refused, reset, closed, bad credentials), the broker cannot carry work.
            Drop();
            return ($"broker {broker.Host}:{broker.Port} unreachable: {e.GetBaseException().Message}", true);
        }
    }

    public void Dispose() => Drop();

    /// <summary>Aborted in the background: closing a connection to a hung broker would wait for it.</summary>
    private void Drop()
    {
        var (connection, channel) = (_connection, _channel);
        (_connection, _channel) = (null, null);
        if (connection is null)
            return;
        _ = Task.Run(async () =>
        {
            await connection.AbortAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            channel?.Dispose();
            connection.Dispose();
        });
    }
}

/// <summary>
/// Which receive endpoints of this process are consuming. MassTransit's own bus health keeps an endpoint "Ready" from
/// its last Ready event on; an endpoint wedged by a broker crash (docs/reliability.md: its channel is gone, its
/// in-flight deliveries can never complete, so it neither faults nor restarts) sends no event at all and stays
/// "Ready" forever. So here a lost broker connection is an outage for every endpoint of the process: each one counts
/// as consuming again only once it reports Ready after the outage began.
/// </summary>
public sealed class EndpointLiveness(TimeProvider time) : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<Uri, State> _endpoints = new();
    private readonly Lock _lock = new();
    private DateTimeOffset? _outageSince;

    private sealed record State(bool Consuming, DateTimeOffset Since, string Reason);

    /// <summary>When the connection was lost, if some endpoint has not consumed since; null when all are consuming.</summary>
    public DateTimeOffset? OutageSince
    {
        get
        {
            lock (_lock)
                return _outageSince;
        }
    }

    /// <summary>The endpoints not consuming, with why and since when; empty when every endpoint is.</summary>
    public IReadOnlyList<(string Endpoint, string Reason, DateTimeOffset Since)> NotConsuming() =>
        [.. _endpoints.Where(e => !e.Value.Consuming).Select(e => (Name(e.Key), e.Value.Reason, e.Value.Since)).OrderBy(e => e.Item1, StringComparer.Ordinal)];

    /// <summary>At least one endpoint has been seen, and every endpoint seen is consuming.</summary>
    public bool AllConsuming => !_endpoints.IsEmpty && _endpoints.Values.All(s => s.Consuming);

    /// <summary>The broker cannot be reached (a failed probe): every endpoint must report Ready again.</summary>
    public void ConnectionLost(string reason)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _outageSince ??= now;
            foreach (var (address, state) in _endpoints)
                if (state.Consuming)
                    _endpoints[address] = new State(false, now, $"broker connection lost: {reason}");
        }
    }

    public Task Ready(ReceiveEndpointReady ready)
    {
        if (IsTemporary(ready.InputAddress))
            return Task.CompletedTask;
        lock (_lock)
        {
            _endpoints[ready.InputAddress] = new State(true, time.GetUtcNow(), "ready");
            if (_endpoints.Values.All(s => s.Consuming))
                _outageSince = null;
        }
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping)
    {
        MarkNotConsuming(stopping.InputAddress, "stopping");
        return Task.CompletedTask;
    }

    public Task Completed(ReceiveEndpointCompleted completed)
    {
        MarkNotConsuming(completed.InputAddress, "completed");
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        // A transport fault on one endpoint means the connection they all share is gone (channel-level faults of one
        // queue end the same way: the endpoint restarts and reports Ready, or stays not consuming, which is the truth).
        var why = faulted.Exception?.GetBaseException().Message ?? "faulted";
        ConnectionLost($"{Name(faulted.InputAddress)} faulted: {why}");
        MarkNotConsuming(faulted.InputAddress, $"faulted: {why}");
        return Task.CompletedTask;
    }

    private void MarkNotConsuming(Uri address, string reason)
    {
        if (IsTemporary(address))
            return;
        lock (_lock)
            _endpoints[address] = new State(false, time.GetUtcNow(), reason);
    }

    /// <summary>
    /// The bus's own response endpoint (auto-deleted, re-created on reconnect without a new Ready) carries no work of
    /// the pipeline; a fault there still counts as an outage for the others.
    /// </summary>
    private static bool IsTemporary(Uri address) => address.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The queue name: the last path segment, without the query of a temporary endpoint.</summary>
    private static string Name(Uri address) => address.AbsolutePath.TrimEnd('/').Split('/')[^1];
}
