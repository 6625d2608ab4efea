using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Hosting;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>Subscribers resume from a cursor: `tail --since` and `/events` (Last-Event-ID) miss nothing and repeat nothing.</summary>
public sealed class EventResumeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    private static async Task<(WebApplication App, string Address)> StartAsync(Folders folders)
    {
        var settings = folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        var app = PipelineHost.Build(Roles.All, settings);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>The complete JSON lines a tail printed (a killed one may have cut its last line short).</summary>
    private static List<JsonElement> Lines(PipelineProcess tail)
    {
        var lines = new List<JsonElement>();
        foreach (var line in tail.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
                continue;
            try
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                // cut short by the kill
            }
        }
        return lines;
    }

    private static PipelineProcess Tail(string address, long since) =>
        PipelineProcess.StartCommand(["tail", "--url", address, "--since", since.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string?>());

    [Fact]
    public async Task Tail_KilledAndPipelineRestarted_ResumesWithItsCursorWithoutGapOrRepeat()
    {
        using var folders = new Folders();
        var (app, address) = await StartAsync(folders);
        const int good = 990, bad = 10;
        // From the start of the (empty) log: no wait for the subscription is needed before the drop.
        var tail1 = Tail(address, 0);
        // Half the files before the first tail is killed, half after: however fast the pipeline, events are written
        // while no tail listens.
        void DropHalf(int half)
        {
            for (var i = half * good / 2; i < (half + 1) * good / 2; i++)
                folders.Drop($"a/{i:D4}.txt", Encoding.UTF8.GetBytes(Article(i)));
            for (var i = half * bad / 2; i < (half + 1) * bad / 2; i++)
                folders.Drop($"b/{i:D2}.txt", []);
        }
        DropHalf(0);

        var total = good + bad;
        Assert.True(await Folders.WaitUntilAsync(() => Lines(tail1).Count >= 150 || tail1.HasExited, Deadline), tail1.Output);
        await tail1.KillAsync();
        var seen1 = Lines(tail1);
        Assert.True(seen1.Count >= 150, tail1.Output);
        var resumeAt = seen1[^1].GetProperty("cursor").GetInt64();
        DropHalf(1);

        // While no tail listens: more files finish, then the pipeline itself restarts (in-flight files are announced again).
        Assert.True(await Folders.WaitUntilAsync(() => Folders.Count(folders.Done) + Folders.Count(folders.Failed) >= seen1.Count + 300, Deadline), folders.Listing());
        await app.StopAsync();
        await app.DisposeAsync();
        (app, address) = await StartAsync(folders);
        try
        {
            await using var tail2 = Tail(address, resumeAt);
            var complete = await Folders.WaitUntilAsync(() => seen1.Count + Lines(tail2).Count >= total, Deadline);
            Assert.True(complete, $"{seen1.Count} + {Lines(tail2).Count} of {total} events\n{folders.Listing()}\n{tail2.Output[^Math.Min(2000, tail2.Output.Length)..]}");
            Assert.True(await Folders.WaitUntilAsync(() => Folders.Count(folders.Done) + Folders.Count(folders.Failed) == total, Deadline), folders.Listing());
            var seen2 = Lines(tail2);

            var all = seen1.Concat(seen2).ToList();
            var keys = all.Select(e => $"{e.GetProperty("event").GetString()} {e.GetProperty("fileName").GetString()} {e.GetProperty("claimId").GetString()}").ToList();
            var repeated = keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, "sent twice: " + string.Join(", ", repeated.Take(10)));
            Assert.Equal(total, all.Select(e => e.GetProperty("fileName").GetString()).Distinct().Count());
            Assert.Equal(bad, all.Count(e => e.GetProperty("event").GetString() == "ArticleRejected"));
            var cursors = all.Select(e => e.GetProperty("cursor").GetInt64()).ToList();
            Assert.True(cursors.Zip(cursors.Skip(1)).All(p => p.First < p.Second), "cursors not rising: " + string.Join(",", cursors));
            output.WriteLine($"first tail: {seen1.Count} events up to cursor {resumeAt}; second tail: {seen2.Count} events from {seen2[0].GetProperty("cursor").GetInt64()}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_LastEventIdHeader_ResumesAfterItAndABadCursorIs400()
    {
        using var folders = new Folders();
        var (app, address) = await StartAsync(folders);
        try
        {
            for (var i = 0; i < 3; i++)
                folders.Drop($"{i}.txt", Encoding.UTF8.GetBytes(Article(i)));
            Assert.True(await Folders.WaitUntilAsync(() => Folders.Count(folders.Done) == 3, Deadline), folders.Listing());
            using var client = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

            var all = await ReadAsync(client, $"{address}/events?since=0", null, 3);
            Assert.Equal(["connected", "message", "message", "message"], all.Select(i => i.EventType));
            Assert.Equal("0", all[0].EventId);
            var afterFirst = await ReadAsync(client, $"{address}/events", all[1].EventId, 2);
            Assert.Equal(all.Skip(2).Select(i => i.Data), afterFirst.Skip(1).Select(i => i.Data));
            Assert.Equal(all[2].EventId, JsonDocument.Parse(afterFirst[1].Data).RootElement.GetProperty("cursor").GetInt64().ToString(CultureInfo.InvariantCulture));

            using var bad = await client.GetAsync(new Uri($"{address}/events?since=yesterday"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("yesterday", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The connected item and the next <paramref name="events"/> events of one stream, then it is closed.</summary>
    private static async Task<List<SseItem<string>>> ReadAsync(HttpClient client, string url, string? lastEventId, int events)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        using var cancel = new CancellationTokenSource(Deadline);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancel.Token);
        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancel.Token))
        {
            items.Add(item);
            if (items.Count == events + 1)
                break;
        }
        return items;
    }

    /// <summary>Distinct words per file, so that no article is a near-duplicate of another.</summary>
    private static string Article(int i)
    {
        var random = new Random(i);
        string Word() => string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => "kalomineruta"[random.Next(12)].ToString() + "aeiou"[random.Next(5)]));
        var paragraphs = Enumerable.Range(0, 3).Select(_ => string.Join(' ', Enumerable.Range(0, 50).Select(_ => Word())) + ".");
        return $"Story {i.ToString(CultureInfo.InvariantCulture)} {Word()} {Word()}\n\n" + string.Join("\n\n", paragraphs) + "\n";
    }
}
