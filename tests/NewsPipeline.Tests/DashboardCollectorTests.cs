using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Dashboard;
using NewsPipeline.Sink;
using NewsPipeline.Watcher;
using NSubstitute;

namespace NewsPipeline.Tests;

public sealed class DashboardCollectorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
    // A factory of this test's own: the collector reads only its meters, never those of tests running alongside.
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    private static ArticleProcessed Article(string file, string status, string story) => new()
    {
        ArticleId = "id-" + file, FileName = file, Status = status, Title = "Title of " + story, Body = "Body", Category = "World",
        StoryId = story, ReceivedAt = DateTimeOffset.UnixEpoch, ProcessedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Snapshot_OutcomesCounted_TotalsCategoriesAndThisSecondsThroughput()
    {
        using var collector = new DashboardCollector(_time, Meters);
        using var watcher = new WatcherMetrics(new InFlightFiles(), _time, Meters);
        watcher.Completed("a.txt", "processed", null, "World", _time.GetUtcNow());
        watcher.Completed("b.html", "duplicate", null, "World", null);
        watcher.Completed("c.txt", "rejected", "normalise", null, null);
        _time.Advance(TimeSpan.FromSeconds(2));
        watcher.Completed("d.txt", "processed", null, "Sports", null);
        watcher.InboxScanned(7, _time.GetUtcNow() - TimeSpan.FromSeconds(30));

        var s = collector.Snapshot();

        Assert.Equal(2, s.Outcomes["processed"]);
        Assert.Equal(1, s.Outcomes["duplicate"]);
        Assert.Equal(1, s.Outcomes["rejected (normalise)"]);
        Assert.Equal(3, s.Categories["World"] + s.Categories["Sports"]);
        var perSecond = s.PerSecond["outcomes"];
        Assert.Equal(DashboardCollector.Seconds, perSecond.Length);
        Assert.Equal([3, 0, 1], perSecond[^3..]);
        Assert.Equal(7, s.Gauges["newspipeline.inbox.files"]);
        Assert.Equal(30, s.Gauges["newspipeline.inbox.oldest_age"]);
        Assert.Equal(1, s.MeanSeconds.Count(m => m.Key == "file to event"));
    }

    [Fact]
    public void Snapshot_AfterMoreThanTheWindow_OldSecondsAreForgotten()
    {
        using var collector = new DashboardCollector(_time, Meters);
        using var watcher = new WatcherMetrics(new InFlightFiles(), _time, Meters);
        watcher.Completed("a.txt", "processed", null, "World", null);
        _time.Advance(TimeSpan.FromSeconds(DashboardCollector.Seconds + 5));

        Assert.All(collector.Snapshot().PerSecond["outcomes"], v => Assert.Equal(0, v));
        Assert.Equal(1, collector.Snapshot().Outcomes["processed"]);
    }

    [Fact]
    public void Add_SameEventTwice_CountedOnceAndStoriesRankedByCopies()
    {
        using var collector = new DashboardCollector(_time, Meters);
        var first = Article("a.txt", "processed", "story-a");
        collector.Add(EventIds.Of(first), first);
        collector.Add(EventIds.Of(first), first); // published, then consumed in the same process
        foreach (var copy in new[] { "a2.txt", "a3.txt" })
            collector.Add(EventIds.Of(Article(copy, "duplicate", "story-a")), Article(copy, "duplicate", "story-a"));
        collector.Add(EventIds.Of(Article("b.txt", "processed", "story-b")), Article("b.txt", "processed", "story-b"));
        collector.Add(EventIds.Of(Article("b2.txt", "duplicate", "story-b")), Article("b2.txt", "duplicate", "story-b"));
        var rejected = new ArticleRejected("id-x", "x.txt", "normalise", "empty file", _time.GetUtcNow(), "claim");
        collector.Add(EventIds.Of(rejected), rejected);

        var s = collector.Snapshot();

        Assert.Equal(5, s.Articles.Count);
        Assert.Equal(["story-a", "story-b"], s.Stories.Select(t => t.StoryId));
        Assert.Equal([2, 1], s.Stories.Select(t => t.Copies));
        Assert.Equal("Title of story-a", s.Stories[0].Title);
        Assert.Equal("empty file", Assert.Single(s.Failures).Reason);
    }

    [Fact]
    public void Snapshot_SinkRecorded_GaugeOfTheIndexAndRedeliveriesApart()
    {
        var index = Substitute.For<IDuplicateIndex>();
        index.Count.Returns(42);
        using var collector = new DashboardCollector(_time, Meters);
        using var sink = new SinkMetrics(index, Meters);
        sink.RecordBatch(TimeSpan.FromMilliseconds(20), [new RecordedOutcome(Article("a.txt", "processed", "s"), false), new RecordedOutcome(Article("a.txt", "processed", "s"), true)]);

        var s = collector.Snapshot();

        Assert.Equal(42, s.Gauges["newspipeline.dedup.index.size"]);
        Assert.Equal(1, s.Sink["processed"]);
        Assert.Equal(1, s.Sink["redelivered"]);
        Assert.Equal(0.02, s.MeanSeconds["record (batch)"], 6);
    }
}
