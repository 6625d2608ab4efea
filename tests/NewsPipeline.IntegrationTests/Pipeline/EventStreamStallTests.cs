using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Hosting;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// D6 (issue 21): a subscriber that connects to /events and never reads held SIGTERM for Host:ShutdownTimeout (30 s):
/// its stream's write was blocked in TCP flow control, where no token reached it. Streams end on stop whatever the client does.
/// </summary>
public sealed class EventStreamStallTests
{
    private const int Files = 16;

    [Fact]
    public async Task Stop_WithASubscriberThatNeverReads_EndsWithinSeconds()
    {
        using var folders = new Folders();
        var settings = folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        settings["Host:ShutdownTimeout"] = "00:01:00"; // before the fix the stop waited this long for the stalled stream
        settings["Watcher:MaxFileBytes"] = "5242880";
        settings["Worker:AnalysisBudget"] = "00:01:00";
        // Megabytes of events, far more than the socket buffers and Kestrel's response buffer hold together (~4 MB at most).
        for (var i = 0; i < Files; i++)
            folders.Drop($"big-{i}.txt", BigArticle(i));
        await using var app = PipelineHost.Build(Roles.All, settings);
        await app.StartAsync();
        Assert.True(await Folders.WaitUntilAsync(() => Folders.Count(folders.Done) == Files, TimeSpan.FromMinutes(3)), folders.Listing());

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var client = new TcpClient { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(address.Host, address.Port);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /events?since=0 HTTP/1.1\r\nHost: {address.Authority}\r\n\r\n"));
        // The stream has begun (bytes wait in our receive buffer), and is never read from here on.
        Assert.True(await Folders.WaitUntilAsync(() => client.Available > 0, TimeSpan.FromSeconds(30)), "the event stream sent nothing");

        var watch = Stopwatch.StartNew();
        var stop = app.StopAsync(CancellationToken.None);
        var first = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(30)));
        var took = watch.Elapsed;
        client.Dispose(); // lets a failed test's host stop before its deadline would end the test process
        await stop;
        Assert.True(first == stop && took < TimeSpan.FromSeconds(10), $"stop took {took.TotalSeconds:0.0} s with a subscriber that never reads");
    }

    /// <summary>About 600 KB of distinct words: an article whose event line is as large.</summary>
    private static byte[] BigArticle(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(FormattableString.Invariant($"Large report number {seed} on regional rainfall\n\n"));
        while (text.Length < 600_000)
        {
            for (var w = 0; w < 12; w++)
                text.Append("word").Append(random.Next(100_000).ToString(CultureInfo.InvariantCulture)).Append(' ');
            text.Append("end.\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
