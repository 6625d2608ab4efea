using System.Collections.Concurrent;
using MassTransit;

namespace NewsPipeline.Hosting;

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
