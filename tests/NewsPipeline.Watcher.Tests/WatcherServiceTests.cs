using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace NewsPipeline.Watcher.Tests;

/// <summary>The hosted loop with real time: recovery before scanning, new files picked up, a clean stop.</summary>
public sealed class WatcherServiceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempFolders _folders = new();
    private readonly FakeBus _bus = new();

    private IHost BuildHost()
    {
        var options = _folders.Options();
        options.StableFor = TimeSpan.FromMilliseconds(100);
        options.RescanInterval = TimeSpan.FromMilliseconds(300);
        var inFlight = new InFlightFiles();
        var announcer = new FileAnnouncer(_folders.Paths, options.MaxFileBytes, inFlight, _bus.SendProvider, FakeBus.OutcomeQueue, TimeProvider.System, NullLogger<FileAnnouncer>.Instance);
        var watcher = new InboxWatcher(_folders.Paths, options, inFlight, announcer, TimeProvider.System, NullLogger<InboxWatcher>.Instance);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService(sp => new WatcherService(watcher, _folders.Paths, options, inFlight,
            sp.GetRequiredService<IHostApplicationLifetime>(), TimeProvider.System, NullLogger<WatcherService>.Instance));
        return builder.Build();
    }

    private async Task WaitForSentAsync(int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (_bus.Sent.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(_bus.Sent.Count >= count, $"expected {count} sent, got {_bus.Sent.Count}");
    }

    [Fact]
    public async Task Start_LeftOverAndNewFiles_LeftOverFirstThenNewOnesAndStopsCleanly()
    {
        TempFolders.Write(_folders.Paths.Processing, "left-over.txt", "from the last run");
        TempFolders.Write(_folders.Paths.Inbox, "waiting.txt", "was there before start");
        using var host = BuildHost();

        await host.StartAsync();
        await WaitForSentAsync(2);
        TempFolders.Write(_folders.Paths.Inbox, "sub/new.txt", "dropped while running");
        await WaitForSentAsync(3);
        await host.StopAsync();

        Assert.Equal(["left-over.txt", "waiting.txt", "sub/new.txt"], _bus.Sent.Select(s => s.FileName));
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Processing, "sub", "new.txt")));
    }

    [Fact]
    public async Task Stop_FileDroppedAfterStop_StaysInInbox()
    {
        using var host = BuildHost();
        await host.StartAsync();
        await host.StopAsync();

        TempFolders.Write(_folders.Paths.Inbox, "late.txt", "after stop");
        await Task.Delay(500);

        Assert.Empty(_bus.Sent);
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Inbox, "late.txt")));
    }

    public void Dispose() => _folders.Dispose();
}
