using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NewsPipeline.Watcher;

/// <summary>Ready when the inbox exists and can be listed and written, and the processing folder can be written (claims need both).</summary>
public sealed class InboxHealthCheck(WatcherPaths paths) : IHealthCheck
{
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
            if (WriteProblem(paths.Inbox) is { } inbox)
                problems.Add($"inbox '{paths.Inbox}' is not writable: {inbox}");
        }
        if (WriteProblem(paths.Processing) is { } processing)
            problems.Add($"processing folder '{paths.Processing}' is not writable: {processing}");

        var data = new Dictionary<string, object> { ["inbox"] = paths.Inbox, ["processing"] = paths.Processing };
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("inbox and processing folder usable", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data));
    }

    /// <summary>Creates and deletes a hidden probe file (hidden, so the scanner never takes it).</summary>
    private static string? WriteProblem(string folder)
    {
        var probe = Path.Combine(folder, $".newspipeline-health-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
