using System.Diagnostics.Metrics;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Sink;

/// <summary>
/// The record step's instruments (meter <see cref="MeterName"/>): time per recorded batch, articles recorded by status,
/// and the duplicate index's size. The executable decides who listens (OpenTelemetry, the dashboard).
/// </summary>
public sealed class SinkMetrics : IDisposable
{
    public const string MeterName = "NewsPipeline.Sink";

    private static readonly double[] BatchBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly Histogram<double> _recordDuration;
    private readonly Counter<long> _recorded;

    public SinkMetrics(IDuplicateIndex index, IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        // Per batch, not per article: the record step decides and stores a batch in one transaction.
        _recordDuration = _meter.CreateHistogram("newspipeline.record.duration", "s", "Time to decide and store one batch (duplicate decision + one transaction)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BatchBuckets });
        _recorded = _meter.CreateCounter<long>("newspipeline.sink.articles", "{article}",
            "Articles the record step decided: status=processed or duplicate; redelivered=true when it was stored before");
        _meter.CreateObservableGauge("newspipeline.dedup.index.size", () => index.Count, "{article}", "Articles in the duplicate index");
    }

    public void RecordBatch(TimeSpan elapsed, IReadOnlyList<RecordedOutcome> outcomes)
    {
        _recordDuration.Record(elapsed.TotalSeconds);
        foreach (var outcome in outcomes)
            _recorded.Add(1, new KeyValuePair<string, object?>("status", outcome.Event.Status),
                new KeyValuePair<string, object?>("redelivered", outcome.Redelivered),
                new KeyValuePair<string, object?>("input.kind", InputKinds.Of(outcome.Event.FileName)));
    }

    public void Dispose() => _meter.Dispose();
}
