using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace NewsPipeline.Watcher.Tests;

/// <summary>The hosted loop with real time: recovery before scanning, new files picked up, a clean stop.</summary>
public sealed class WatcherServiceTests : IDisposable
{
    private readonly TempFolders _folders = new();
    private readonly FakeBus _bus = new();

    private IHost BuildHost(TimeSpan? rescanInterval = null, Func<CancellationToken, Task>? busReady = null)
    {
        var options = _folders.Options();
        options.StableFor = TimeSpan.FromMilliseconds(100);
        options.RescanInterval = rescanInterval ?? TimeSpan.FromMilliseconds(300);
        var inFlight = new InFlightFiles();
        var announcer = new FileAnnouncer(_folders.Paths, options.MaxFileBytes, inFlight, _bus.SendProvider, FakeBus.OutcomeQueue, TimeProvider.System, NullLogger<FileAnnouncer>.Instance);
        var watcher = new InboxWatcher(_folders.Paths, options, inFlight, announcer, TimeProvider.System, NullLogger<InboxWatcher>.Instance,
            new WatcherMetrics(inFlight, TimeProvider.System), new FileOutcomes(_folders.Paths, inFlight, TimeProvider.System, NullLogger<FileOutcomes>.Instance));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService(sp => new WatcherService(watcher, _folders.Paths, options, inFlight,
            sp.GetRequiredService<IHostApplicationLifetime>(), TimeProvider.System, NullLogger<WatcherService>.Instance, busReady));
        return builder.Build();
    }

    private Task WaitForSentAsync(int count, TimeSpan? within = null) =>
        Eventually.UntilAsync(() => _bus.Sent.Count >= count, () => $"{_bus.Sent.Count} sent: {string.Join(", ", _bus.Sent.Select(s => s.FileName))}", within);

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

        // Stopped means the loop has ended: nothing is left that could claim a file dropped now.
        var service = Assert.Single(host.Services.GetServices<IHostedService>().OfType<WatcherService>());
        Assert.True(service.ExecuteTask!.IsCompleted);
        TempFolders.Write(_folders.Paths.Inbox, "late.txt", "after stop");

        Assert.Empty(_bus.Sent);
        Assert.True(File.Exists(Path.Combine(_folders.Paths.Inbox, "late.txt")));
    }

    [Fact]
    public async Task Running_InboxDeletedAndCreatedAgain_NewFilesPickedUpByEventsNotTheRescan()
    {
        // A rescan this far away never runs during the test: only file-system events can find the files.
        using var host = BuildHost(rescanInterval: TimeSpan.FromMinutes(10));
        await host.StartAsync();
        TempFolders.Write(_folders.Paths.Inbox, "before.txt", "dropped before");
        await WaitForSentAsync(1, TimeSpan.FromSeconds(30));

        Directory.Delete(_folders.Paths.Inbox, recursive: true);
        Directory.CreateDirectory(_folders.Paths.Inbox);
        TempFolders.Write(_folders.Paths.Inbox, "after.txt", "dropped after the inbox was created again");

        await WaitForSentAsync(2, TimeSpan.FromSeconds(30));
        await host.StopAsync();
        Assert.Equal(["before.txt", "after.txt"], _bus.Sent.Select(s => s.FileName));
    }

    [Fact]
    public async Task Running_ServiceFails_ProcessExitCodeIsNotZero()
    {
        using var host = BuildHost(busReady: _ => throw new InvalidOperationException("a defect in the watcher"));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            Environment.ExitCode = 0;
            await host.StartAsync();
            await Eventually.UntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, () => "the host still running");
            await host.StopAsync();

            Assert.NotEqual(0, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    public void Dispose() => _folders.Dispose();
}
