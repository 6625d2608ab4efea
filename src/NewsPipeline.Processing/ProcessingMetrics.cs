using System.Diagnostics.Metrics;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>
/// The analyse step's instruments (meter <see cref="MeterName"/>): how long each stage takes per article, and how many
/// articles this worker analysed or rejected. The executable decides who listens (OpenTelemetry, the dashboard).
/// </summary>
public sealed class ProcessingMetrics : IDisposable
{
    public const string MeterName = "NewsPipeline.Processing";

    /// <summary>Stage times run from tens of microseconds (classify) to seconds (a huge HTML page at its budget).</summary>
    private static readonly double[] StageBuckets = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Meter _meter;
    private readonly Histogram<double> _stageDuration;
    private readonly Counter<long> _articles;

    public ProcessingMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _stageDuration = _meter.CreateHistogram("newspipeline.stage.duration", "s", "Time one article spends in an analyse stage (normalise, fingerprint, classify)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageBuckets });
        _articles = _meter.CreateCounter<long>("newspipeline.worker.articles", "{article}", "Articles this worker analysed (result=analysed) or rejected (result=rejected)");
    }

    public void Record(string fileName, AnalysisResult result)
    {
        var kind = new KeyValuePair<string, object?>("input.kind", InputKinds.Of(fileName));
        _stageDuration.Record(result.Times.Normalise.TotalSeconds, new KeyValuePair<string, object?>("stage", Stages.Normalise), kind);
        if (result.IsSuccess)
        {
            _stageDuration.Record(result.Times.Fingerprint.TotalSeconds, new KeyValuePair<string, object?>("stage", Stages.Fingerprint), kind);
            _stageDuration.Record(result.Times.Classify.TotalSeconds, new KeyValuePair<string, object?>("stage", Stages.Classify), kind);
        }
        _articles.Add(1, new KeyValuePair<string, object?>("result", result.IsSuccess ? "analysed" : "rejected"), kind);
    }

    public void Dispose() => _meter.Dispose();
}
