using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsPipeline.Events;

/// <summary>The JSON line of one public event, as `tail` prints it and `/events` sends it.</summary>
public static class EventLines
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON object: "event" (the type name) first, then "cursor" when it came from the event log, then the event's own fields.</summary>
    public static string ToLine<T>(string eventName, T message, long? cursor = null)
    {
        var node = JsonSerializer.SerializeToNode(message, Json)!.AsObject();
        var result = new JsonObject { ["event"] = eventName };
        if (cursor is { } c)
            result["cursor"] = c;
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            result[key] = value;
        }
        return result.ToJsonString(Json);
    }
}
