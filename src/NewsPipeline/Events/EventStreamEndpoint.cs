namespace NewsPipeline.Events;

internal static class EventStreamEndpoint
{
    /// <summary>GET /events: Server-Sent Events, one "data:" line of JSON per public event.</summary>
    public static void MapEventStream(this WebApplication app) => app.MapGet("/events", async (HttpContext http, EventBroadcaster broadcaster, IHostApplicationLifetime lifetime) =>
    {
        // A stream never ends on its own, so it must also end when the host stops;
        // otherwise Ctrl+C waits out the whole shutdown timeout for every open subscriber.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var token = stop.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        try
        {
            // Subscribed before saying so: a client that has read ": connected" misses no later event.
            var reader = broadcaster.Subscribe(token);
            await http.Response.WriteAsync(": connected\n\n", token);
            await http.Response.Body.FlushAsync(token);
            await foreach (var line in reader.ReadAllAsync(token))
            {
                await http.Response.WriteAsync($"data: {line}\n\n", token);
                await http.Response.Body.FlushAsync(token);
            }
        }
        catch (OperationCanceledException)
        {
            // The subscriber went away or the host is stopping; nothing to clean up beyond the subscription.
        }
    });
}
