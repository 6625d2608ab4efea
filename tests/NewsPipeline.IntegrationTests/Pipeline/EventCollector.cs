using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

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
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var e in _events)
            {
                if (e.GetProperty("event").GetString() == eventName && e.GetProperty("fileName").GetString() == fileName)
                    return e;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {eventName} for {fileName} within {timeout}; got: {string.Join(", ", _events.Select(e => e.GetProperty("event").GetString() + " " + e.GetProperty("fileName").GetString()))}");
    }
}
