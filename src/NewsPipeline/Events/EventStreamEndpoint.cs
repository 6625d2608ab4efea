using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace NewsPipeline.Events;

internal static class EventStreamEndpoint
{
    /// <summary>
    /// The first item of every stream, sent once this client is subscribed: a client that has seen it misses no later event.
    /// A named event type, so EventSource clients listening for "message" never see it.
    /// </summary>
    public const string Connected = "connected";

    /// <summary>GET /events: Server-Sent Events, one "data:" line of JSON per public event, after one <see cref="Connected"/> event.</summary>
    public static void MapEventStream(this WebApplication app) =>
        app.MapGet("/events", (EventBroadcaster broadcaster, IHostApplicationLifetime lifetime) =>
            TypedResults.ServerSentEvents(StreamAsync(broadcaster, lifetime.ApplicationStopping)));

    /// <param name="requestAborted">The result passes the request's own token here when it enumerates.</param>
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(EventBroadcaster broadcaster, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        // A stream never ends on its own, so it must also end when the host stops;
        // otherwise Ctrl+C waits out the whole shutdown timeout for every open subscriber.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var reader = broadcaster.Subscribe(stop.Token);
        yield return new SseItem<string>(string.Empty, Connected);
        while (await WaitToReadAsync(reader, stop.Token))
        {
            // Checked per item: a stopping host should not first drain a slow subscriber's backlog.
            while (!stop.IsCancellationRequested && reader.TryRead(out var line))
                yield return new SseItem<string>(line);
        }
    }

    /// <summary>False once the subscriber went away or the host is stopping: the stream then ends instead of failing.</summary>
    private static async ValueTask<bool> WaitToReadAsync(ChannelReader<string> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
