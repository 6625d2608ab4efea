using System.Diagnostics;

namespace NewsPipeline.Watcher.Tests;

/// <summary>The one way these tests wait: on a condition, with a generous deadline, saying what was seen when it fails.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<bool> condition, Func<string> seen, TimeSpan? within = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > (within ?? Deadline))
                Assert.Fail($"not reached within {within ?? Deadline}; seen: {seen()}");
            await Task.Delay(20);
        }
    }
}
