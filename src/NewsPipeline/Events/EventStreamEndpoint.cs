using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using NewsPipeline.Core.Ports;
using NewsPipeline.Sink;

namespace NewsPipeline.Events;

/// <summary>
/// GET /events: the store's event log as Server-Sent Events, served by every process with the sink role (the embedded
/// `run` too). Each event's SSE id is its cursor; `?since=CURSOR` or a reconnecting client's `Last-Event-ID` resumes
/// after it, so a subscriber that was away misses nothing and gets nothing twice.
/// </summary>
internal static class EventStreamEndpoint
{
    /// <summary>
    /// The first item of every stream, its id the cursor the stream starts after: a client that has seen it misses no
    /// later event. A named event type, so EventSource clients listening for "message" never see it.
    /// </summary>
    public const string Connected = "connected";

    /// <summary>Events read from the log per query while a subscriber catches up.</summary>
    private const int Page = 500;

    /// <summary>How often an idle stream looks at the log without a pulse (a writer in another process).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static void MapEventStream(this WebApplication app) =>
        app.MapGet("/events", (HttpContext http, IArticleStore store, EventLogSignal signal, IHostApplicationLifetime lifetime) =>
        {
            var request = http.Request;
            var given = request.Query["since"].FirstOrDefault() ?? request.Headers["Last-Event-ID"].FirstOrDefault();
            long? since = null;
            if (!string.IsNullOrEmpty(given))
            {
                if (!long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
                    return Results.BadRequest($"since / Last-Event-ID must be a cursor (a whole number, 0 = from the start), not '{given}'");
                since = cursor;
            }
            // A client that stopped reading leaves a write blocked in Kestrel's flow control, where no token reaches it,
            // and the server's stop would wait out Host:ShutdownTimeout for it: the stop aborts the connection instead.
            http.Response.RegisterForDispose(lifetime.ApplicationStopping.Register(http.Abort));
            return TypedResults.ServerSentEvents(StreamAsync(store, signal, since, lifetime.ApplicationStopping));
        });

    /// <param name="since">Resume after this cursor; null: from now on.</param>
    /// <param name="requestAborted">The result passes the request's own token here when it enumerates.</param>
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(IArticleStore store, EventLogSignal signal, long? since, CancellationToken stopping,
        [EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        // A stream never ends on its own, so it must also end when the host stops;
        // otherwise Ctrl+C waits out the whole shutdown timeout for every open subscriber.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        var cursor = since ?? await store.LastCursorAsync(stop.Token);
        yield return new SseItem<string>(string.Empty, Connected) { EventId = Text(cursor) };
        while (await NextAsync(store, cursor, stop.Token) is { } page)
        {
            foreach (var logged in page)
            {
                cursor = logged.Cursor;
                yield return new SseItem<string>(logged.Processed is { } processed
                    ? EventLines.ToLine(logged.EventName, processed, cursor)
                    : EventLines.ToLine(logged.EventName, logged.Rejected!, cursor))
                { EventId = Text(cursor) };
            }
            if (page.Count < Page && !await WaitAsync(signal, stop.Token))
                yield break;
        }
    }

    private static string Text(long cursor) => cursor.ToString(CultureInfo.InvariantCulture);

    /// <summary>Null once the subscriber went away or the host is stopping: the stream then ends instead of failing.</summary>
    private static async Task<IReadOnlyList<LoggedEvent>?> NextAsync(IArticleStore store, long cursor, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadEventsAsync(cursor, Page, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<bool> WaitAsync(EventLogSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            await signal.WaitAsync(Poll, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
