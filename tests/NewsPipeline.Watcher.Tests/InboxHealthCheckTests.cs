using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NewsPipeline.Watcher.Tests;

public sealed class InboxHealthCheckTests : IDisposable
{
    private readonly TempFolders _folders = new();

    [Fact]
    public async Task CheckHealthAsync_FoldersUsable_HealthyAndLeavesNoProbe()
    {
        var result = await new InboxHealthCheck(_folders.Paths).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folders.Paths.Inbox));
    }

    [Fact]
    public async Task CheckHealthAsync_InboxMissing_UnhealthyNamingIt()
    {
        Directory.Delete(_folders.Paths.Inbox);

        var result = await new InboxHealthCheck(_folders.Paths).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(_folders.Paths.Inbox, result.Description);
    }

    [Fact]
    public async Task CheckHealthAsync_ProcessingNotWritable_Unhealthy()
    {
        // A file where the folder should be: not writable even for root, unlike a permission bit.
        Directory.Delete(_folders.Paths.Processing);
        File.WriteAllText(_folders.Paths.Processing, "");

        var result = await new InboxHealthCheck(_folders.Paths).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("processing", result.Description);
    }

    [SmallDiskFact]
    public async Task CheckHealthAsync_DoneFolderUnderTheFreeSpaceFloor_UnhealthyNamingTheSetting()
    {
        using var disk = new SmallDisk(_folders.Paths.Done, "1m");

        var result = await new InboxHealthCheck(_folders.Paths).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("done folder", result.Description);
        Assert.Contains("Watcher:MinFreeBytes", result.Description);
    }

    [SmallDiskFact]
    public async Task CheckHealthAsync_InboxOnAFullDisk_UnhealthyThoughAnEmptyFileStillFits()
    {
        using var disk = new SmallDisk(_folders.Paths.Inbox, "64k");
        disk.Fill();
        File.WriteAllBytes(Path.Combine(_folders.Paths.Inbox, ".empty"), []); // what the old probe wrote: it still fits

        var result = await new InboxHealthCheck(_folders.Paths, minFreeBytes: 0).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("inbox", result.Description);
    }

    public void Dispose() => _folders.Dispose();
}
