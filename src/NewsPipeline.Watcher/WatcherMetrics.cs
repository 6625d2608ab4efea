using System.Diagnostics;
using System.Diagnostics.Metrics;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Watcher;

/// <summary>
/// The watcher's instruments (meter <see cref="MeterName"/>). The watcher applies every file's final outcome, so the
/// article counter lives here and counts each file once (a redelivered outcome moves nothing and counts nothing).
/// The backlog gauges read what the last inbox scan saw. The executable decides who listens.
/// </summary>
public sealed class WatcherMetrics : IDisposable
{
    public const string MeterName = "NewsPipeline.Watcher";

    /// <summary>Claim to outcome: a fraction of a second when idle, minutes behind a backlog.</summary>
    private static readonly double[] FileBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Meter _meter;
    private readonly TimeProvider _time;
    private readonly Counter<long> _articles;
    private readonly Histogram<double> _fileDuration;
    private (int Files, DateTimeOffset? Oldest) _inbox;

    public WatcherMetrics(InFlightFiles inFlight, TimeProvider time, IMeterFactory? meters = null)
    {
        _time = time;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _articles = _meter.CreateCounter<long>("newspipeline.articles", "{article}",
            "Files with a final outcome: outcome=processed, duplicate or rejected (with the stage), category, input.kind");
        _fileDuration = _meter.CreateHistogram("newspipeline.file.duration", "s", "From a file's claim to its outcome event (moved to done/ or failed/)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FileBuckets });
        _meter.CreateObservableGauge("newspipeline.inbox.files", () => _inbox.Files, "{file}", "Files waiting in the inbox at the last scan");
        _meter.CreateObservableGauge("newspipeline.inbox.oldest_age", () => OldestAge(), "s", "Age of the oldest file waiting in the inbox (since its last write)");
        _meter.CreateObservableGauge("newspipeline.processing.files", () => inFlight.Count, "{file}", "Claimed files waiting for their outcome");
    }

    /// <summary>What a scan left in the inbox: files not (yet) claimed, and the oldest one's last write.</summary>
    public void InboxScanned(int files, DateTimeOffset? oldest) => _inbox = (files, oldest);

    public void Completed(string fileName, string outcome, string? stage, string? category, DateTimeOffset? claimedAt)
    {
        // Only the attributes an outcome has: a rejection has a stage, an article a category.
        var tags = new TagList { { "outcome", outcome }, { "input.kind", InputKinds.Of(fileName) } };
        if (stage is not null)
            tags.Add("stage", stage);
        if (category is not null)
            tags.Add("category", category);
        _articles.Add(1, tags);
        if (claimedAt is { } at)
            _fileDuration.Record(Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds), new KeyValuePair<string, object?>("outcome", outcome));
    }

    private double OldestAge()
    {
        var inbox = _inbox;
        return inbox is { Files: > 0, Oldest: { } oldest } ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds) : 0;
    }

    public void Dispose() => _meter.Dispose();
}
