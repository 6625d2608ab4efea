namespace NewsPipeline.Watcher.Tests;

public sealed class StabilityTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Written = new(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private readonly StabilityTracker _tracker = new(TimeSpan.FromMilliseconds(500));

    [Fact]
    public void IsStable_FirstSight_False() =>
        Assert.False(_tracker.IsStable("a.txt", 10, Written, T0));

    [Fact]
    public void IsStable_UnchangedForTheInterval_True()
    {
        _tracker.IsStable("a.txt", 10, Written, T0);

        Assert.False(_tracker.IsStable("a.txt", 10, Written, T0.AddMilliseconds(499)));
        Assert.True(_tracker.IsStable("a.txt", 10, Written, T0.AddMilliseconds(500)));
    }

    [Fact]
    public void IsStable_SizeOrTimeChanged_IntervalStartsAgain()
    {
        _tracker.IsStable("a.txt", 10, Written, T0);

        Assert.False(_tracker.IsStable("a.txt", 20, Written, T0.AddSeconds(1)));
        Assert.False(_tracker.IsStable("a.txt", 20, Written.AddSeconds(1), T0.AddSeconds(2)));
        Assert.False(_tracker.IsStable("a.txt", 20, Written.AddSeconds(1), T0.AddSeconds(2.4)));
        Assert.True(_tracker.IsStable("a.txt", 20, Written.AddSeconds(1), T0.AddSeconds(2.5)));
    }

    [Fact]
    public void RetainOnly_FileGoneAndBack_TreatedAsNew()
    {
        _tracker.IsStable("a.txt", 10, Written, T0);
        _tracker.RetainOnly(new HashSet<string>());

        Assert.False(_tracker.IsStable("a.txt", 10, Written, T0.AddSeconds(10)));
    }
}
