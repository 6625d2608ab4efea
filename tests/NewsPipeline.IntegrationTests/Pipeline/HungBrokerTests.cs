using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Hosting;
using NewsPipeline.Testing;
using NewsPipeline.Watcher;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// D4 (issue 21): a RabbitMQ node stopped with SIGSTOP still accepts TCP connections, so a connect probe called it healthy
/// while nothing moved and the watcher kept claiming. Readiness now needs an AMQP round trip, bounded in time.
/// </summary>
public sealed class HungBrokerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BrokerStopped_NotReadyWithinSeconds_ReadyAgainOnceItContinues()
    {
        var broker = await RabbitMqBroker.StartOwnAsync();
        using var folders = new Folders();
        var settings = folders.Settings();
        broker.AddBusSettings(settings, "/");
        settings["Http:Url"] = "http://127.0.0.1:0";
        var app = PipelineHost.Build(Roles.Parse("watcher"), settings);
        try
        {
            await app.StartAsync();
            var readiness = app.Services.GetRequiredService<IBusReadiness>();
            using var http = new HttpClient
            {
                BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            Assert.True(await Folders.WaitUntilAsync(async () => await ReadyAsync(http), Timeout), await http.GetStringAsync("health/ready"));

            var pids = await BeamPidsAsync(broker.Folder);
            var seen = new List<string>();
            try
            {
                await SignalAsync("STOP", pids);
                var watch = Stopwatch.StartNew();
                var notReady = await Folders.WaitUntilAsync(async () =>
                {
                    var one = Stopwatch.StartNew();
                    using var response = await http.GetAsync("health/ready");
                    seen.Add($"{watch.Elapsed.TotalSeconds:0.0} s: {(int)response.StatusCode} in {one.Elapsed.TotalSeconds:0.0} s {await response.Content.ReadAsStringAsync()}");
                    // The check bounds its own time: compose's health check gives up at 5 s.
                    Assert.True(one.Elapsed < TimeSpan.FromSeconds(4), string.Join('\n', seen));
                    return response.StatusCode == HttpStatusCode.ServiceUnavailable;
                }, TimeSpan.FromSeconds(5));
                Assert.True(notReady, "still ready with the broker stopped:\n" + string.Join('\n', seen));
                // The watcher asks the same question before each scan: it takes no file now.
                Assert.NotNull(await readiness.NotReadyReasonAsync(CancellationToken.None));
            }
            finally
            {
                await SignalAsync("CONT", pids);
            }
            Assert.True(await Folders.WaitUntilAsync(async () => await ReadyAsync(http), Timeout), await http.GetStringAsync("health/ready"));
            Assert.Null(await readiness.NotReadyReasonAsync(CancellationToken.None));
            output.WriteLine(string.Join('\n', seen));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await broker.DisposeAsync();
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("health/ready");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The node's Erlang VM (as <see cref="RabbitMqBroker.KillAsync"/> finds it).</summary>
    private static async Task<string[]> BeamPidsAsync(string folder)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", $"beam.smp.* -home {folder} .*-s rabbit boot"]) { RedirectStandardOutput = true })!;
        var pids = (await pgrep.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await pgrep.WaitForExitAsync();
        Assert.True(pids.Length > 0, $"no beam.smp runs for {folder}");
        return pids;
    }

    private static async Task SignalAsync(string signal, IEnumerable<string> pids)
    {
        using var kill = Process.Start("kill", [$"-{signal}", .. pids])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
