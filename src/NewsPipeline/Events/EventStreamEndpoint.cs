namespace NewsPipeline.Events;

internal static class EventStreamEndpoint
{
    /// <summary>GET /events: Server-Sent Events, one "data:" line of JSON per public event.</summary>
    public static void MapEventStream(this WebApplication app) => app.MapGet("/events", async (HttpContext http, EventBroadcaster broadcaster) =>
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.WriteAsync(": connected\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        var reader = broadcaster.Subscribe(http.RequestAborted);
        try
        {
            await foreach (var line in reader.ReadAllAsync(http.RequestAborted))
            {
                await http.Response.WriteAsync($"data: {line}\n\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The subscriber went away; nothing to clean up beyond the subscription.
        }
    });
}
