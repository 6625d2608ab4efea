using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NewsPipeline.Watcher;

/// <summary>
/// Ready when the inbox exists and can be listed, and each of the watcher's folders (inbox, processing, done, failed)
/// can take a small file and has at least <paramref name="minFreeBytes"/> free: claims need the first two, outcomes the
/// last two. A full disk takes an empty file, so the probe is not empty.
/// </summary>
public sealed class InboxHealthCheck(WatcherPaths paths, long minFreeBytes = WatcherOptions.DefaultMinFreeBytes) : IHealthCheck
{
    private static readonly byte[] Probe = new byte[4096];

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (!Directory.Exists(paths.Inbox))
            problems.Add($"inbox '{paths.Inbox}' does not exist");
        else
        {
            try
            {
                using var entries = Directory.EnumerateFileSystemEntries(paths.Inbox).GetEnumerator();
                entries.MoveNext();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"inbox '{paths.Inbox}' cannot be listed: {e.Message}");
            }
            Check("inbox", paths.Inbox);
        }
        Check("processing folder", paths.Processing);
        Check("done folder", paths.Done);
        Check("failed folder", paths.Failed);

        var data = new Dictionary<string, object> { ["inbox"] = paths.Inbox, ["processing"] = paths.Processing, ["done"] = paths.Done, ["failed"] = paths.Failed };
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("inbox, processing, done and failed folders usable", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data));

        void Check(string what, string folder)
        {
            if (WriteProblem(folder) is { } problem)
                problems.Add($"{what} '{folder}' is not writable: {problem}");
            else if (FreeBytes(folder) is { } free && free < minFreeBytes)
                problems.Add($"{what} '{folder}' has {free} bytes free, under the {minFreeBytes} of Watcher:MinFreeBytes");
        }
    }

    private static long? FreeBytes(string folder)
    {
        try
        {
            // On Unix any path names its file system here (statvfs).
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Creates and deletes a hidden probe file (hidden, so the scanner never takes it), deleted even when the write failed part-way.</summary>
    private static string? WriteProblem(string folder)
    {
        var probe = Path.Combine(folder, $".newspipeline-health-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, Probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The write's error is the one to report.
            }
        }
    }
}
