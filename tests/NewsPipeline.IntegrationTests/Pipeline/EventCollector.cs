using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>Collects the JSON event lines a subscriber prints, and waits for the one a test needs.</summary>
internal sealed class EventCollector : TextWriter
{
    private readonly ConcurrentQueue<JsonElement> _events = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyCollection<JsonElement> Events => _events;

    public override void WriteLine(string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            _events.Enqueue(JsonDocument.Parse(value).RootElement.Clone());
    }

    public async Task<JsonElement> WaitForAsync(string eventName, string fileName, TimeSpan timeout)
    {
        JsonElement? found = null;
        await Eventually.WaitUntilAsync($"{eventName} for {fileName}",
            () => (found = _events.Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("event").GetString() == eventName && e.Value.GetProperty("fileName").GetString() == fileName)) is not null,
            timeout,
            () => string.Join(", ", _events.Select(e => e.GetProperty("event").GetString() + " " + e.GetProperty("fileName").GetString())),
            TimeSpan.FromMilliseconds(100));
        return found!.Value;
    }
}
