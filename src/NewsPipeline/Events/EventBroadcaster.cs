using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace NewsPipeline.Events;

/// <summary>
/// Fans the public events out to the embedded pipeline's local subscribers (Server-Sent Events), so embedded users
/// can subscribe without a broker. A slow subscriber loses its oldest events rather than stalling the pipeline.
/// </summary>
public sealed class EventBroadcaster
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _lock = new();
    private readonly List<Channel<string>> _subscribers = [];

    public ChannelReader<string> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
            _subscribers.Add(channel);
        cancellationToken.Register(() =>
        {
            lock (_lock)
                _subscribers.Remove(channel);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Publish<T>(T message) where T : class
    {
        var line = ToLine(typeof(T).Name, message);
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
                subscriber.Writer.TryWrite(line);
        }
    }

    /// <summary>One JSON object per event: the event's own fields, with its type name first as "event".</summary>
    public static string ToLine<T>(string eventName, T message)
    {
        var node = JsonSerializer.SerializeToNode(message, Json)!.AsObject();
        var result = new JsonObject { ["event"] = eventName };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            result[key] = value;
        }
        return result.ToJsonString(Json);
    }
}
