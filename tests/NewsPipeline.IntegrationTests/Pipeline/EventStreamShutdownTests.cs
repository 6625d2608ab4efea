using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli;
using NewsPipeline.Hosting;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>Ctrl+C must not wait for `tail` subscribers: an event stream never ends on its own.</summary>
public sealed class EventStreamShutdownTests
{
    [Fact]
    public async Task Stop_WithAnOpenSubscriber_EndsTheStreamAndStops()
    {
        using var folders = new Folders();
        var settings = folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        settings["Host:ShutdownTimeout"] = "00:10:00"; // far beyond the wait below: only an ended stream lets stop return
        await using var app = PipelineHost.Build(Roles.All, settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var tailCancel = new CancellationTokenSource();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = TailCommand.TailEmbeddedAsync(new Uri(new Uri(address + "/"), "events"), TextWriter.Null, tailCancel.Token, connected.SetResult);
        Assert.Same(connected.Task, await Task.WhenAny(connected.Task, tail, Task.Delay(TimeSpan.FromSeconds(30))));

        var stop = app.StopAsync(CancellationToken.None);
        var first = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != stop)
            await tailCancel.CancelAsync(); // the client leaving lets the failed test's host stop
        Assert.Same(stop, first);
        await stop;

        // The subscriber sees its stream end rather than hanging on a dead server.
        var tailEnded = await Task.WhenAny(tail, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(tail, tailEnded);
    }
}
