using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsPipeline.Events;

/// <summary>The JSON line of one public event, as `tail` prints it and `/events` sends it.</summary>
public static class EventLines
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON object: "event" (the type name) first, then "cursor" (the log's, or the event's own), then the event's other fields.</summary>
    public static string ToLine<T>(string eventName, T message, long? cursor = null)
    {
        var node = JsonSerializer.SerializeToNode(message, Json)!.AsObject();
        var result = new JsonObject { ["event"] = eventName };
        var own = node["cursor"];
        node.Remove("cursor");
        if ((cursor is { } c ? JsonValue.Create(c) : own) is { } position)
            result["cursor"] = position;
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            result[key] = value;
        }
        return result.ToJsonString(Json);
    }
}
