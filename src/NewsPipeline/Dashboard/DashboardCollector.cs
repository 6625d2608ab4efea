using System.Diagnostics.Metrics;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Processing;
using NewsPipeline.Sink;
using NewsPipeline.Storage;
using NewsPipeline.Watcher;

namespace NewsPipeline.Dashboard;

/// <summary>
/// What the dashboard shows, gathered in this process: it listens to the same instruments `/metrics` serves (so each
/// role shows its own part) and keeps the latest public events this process published or consumed. Bounded: the
/// last <see cref="Seconds"/> seconds of throughput, <see cref="RecentCount"/> events of each kind, and at most
/// <see cref="MaxStories"/> stories.
/// </summary>
public sealed class DashboardCollector : IDisposable
{
    public const int Seconds = 300;
    public const int RecentCount = 20;
    public const int MaxStories = 10_000;
    private static readonly string[] Meters = [WatcherMetrics.MeterName, ProcessingMetrics.MeterName, SinkMetrics.MeterName, StorageMetrics.MeterName];

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _worker = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sink = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Count, double Sum)> _latency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _gauges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _perSecond = new(StringComparer.Ordinal);
    private long _lastSecond;
    private readonly LinkedList<ArticleProcessed> _articles = new();
    private readonly LinkedList<ArticleRejected> _failures = new();
    private readonly Queue<Guid> _seenOrder = new();
    private readonly HashSet<Guid> _seen = [];
    private readonly Dictionary<string, (string Title, int Copies)> _stories = new(StringComparer.Ordinal);

    /// <param name="meters">The host's meter factory: only its meters are read, so two hosts in one process (tests) never mix.</param>
    public DashboardCollector(TimeProvider time, IMeterFactory meters)
    {
        _time = time;
        _started = time.GetUtcNow();
        _lastSecond = _started.ToUnixTimeSeconds();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Meters.Contains(instrument.Meter.Name) && ReferenceEquals(instrument.Meter.Scope, meters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnCounter(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => OnGauge(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument is Histogram<double>)
                OnHistogram(instrument.Name, value, tags);
            else
                OnGauge(instrument.Name, value);
        });
        _listener.Start();
    }

    /// <summary>A public event seen here; the same event seen again (published, then consumed in one process) counts once.</summary>
    public void Add(Guid eventId, object message)
    {
        lock (_gate)
        {
            if (!_seen.Add(eventId))
                return;
            _seenOrder.Enqueue(eventId);
            if (_seenOrder.Count > 4 * RecentCount)
                _seen.Remove(_seenOrder.Dequeue());
            switch (message)
            {
                case ArticleProcessed processed:
                    Push(_articles, processed);
                    if (_stories.TryGetValue(processed.StoryId, out var story))
                        _stories[processed.StoryId] = story with { Copies = story.Copies + 1 };
                    else if (_stories.Count < MaxStories)
                        _stories[processed.StoryId] = (processed.Title, processed.Status == "duplicate" ? 1 : 0);
                    break;
                case ArticleRejected rejected:
                    Push(_failures, rejected);
                    break;
            }
        }
    }

    public DashboardSnapshot Snapshot()
    {
        _listener.RecordObservableInstruments();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Advance(now.ToUnixTimeSeconds());
            var series = _perSecond.ToDictionary(p => p.Key, p => Ordered(p.Value), StringComparer.Ordinal);
            return new DashboardSnapshot(
                now, _started, _lastSecond - Seconds + 1,
                new Dictionary<string, long>(_outcomes), new Dictionary<string, long>(_categories),
                new Dictionary<string, long>(_worker), new Dictionary<string, long>(_sink),
                _latency.ToDictionary(l => l.Key, l => l.Value.Count == 0 ? 0 : l.Value.Sum / l.Value.Count),
                new Dictionary<string, double>(_gauges), series,
                [.. _articles.Select(a => new RecentArticle(a.Title, a.Source, a.Category, a.Status, a.StoryId, a.FileName, a.ProcessedAt))],
                [.. _failures.Select(f => new RecentFailure(f.FileName, f.Stage, f.Reason, f.RejectedAt))],
                [.. _stories.Where(s => s.Value.Copies > 0).OrderByDescending(s => s.Value.Copies).ThenBy(s => s.Key, StringComparer.Ordinal).Take(10)
                    .Select(s => new TopStory(s.Key, s.Value.Title, s.Value.Copies))]);
        }
    }

    private void OnCounter(string name, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var outcome = Tag(tags, "outcome");
        lock (_gate)
        {
            switch (name)
            {
                case "newspipeline.articles":
                    var stage = Tag(tags, "stage");
                    Bump(_outcomes, outcome == "rejected" && stage.Length > 0 ? $"rejected ({stage})" : outcome, value);
                    if (Tag(tags, "category") is { Length: > 0 } category)
                        Bump(_categories, category, value);
                    Count("outcomes", value);
                    break;
                case "newspipeline.worker.articles":
                    Bump(_worker, Tag(tags, "result"), value);
                    Count("analysed", value);
                    break;
                case "newspipeline.sink.articles":
                    Bump(_sink, Tag(tags, "redelivered") == "True" ? "redelivered" : Tag(tags, "status"), value);
                    Count("recorded", value);
                    break;
            }
        }
    }

    private void OnHistogram(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = name == "newspipeline.stage.duration" ? Tag(tags, "stage")
            : name == "newspipeline.record.duration" ? "record (batch)"
            : name == "newspipeline.file.duration" ? "file to event" : null;
        if (key is null)
            return;
        lock (_gate)
        {
            var (count, sum) = _latency.GetValueOrDefault(key);
            _latency[key] = (count + 1, sum + value);
        }
    }

    private void OnGauge(string name, double value)
    {
        lock (_gate)
            _gauges[name] = value;
    }

    /// <summary>Adds to the current second of a throughput series (created on its first measurement).</summary>
    private void Count(string series, long value)
    {
        Advance(_time.GetUtcNow().ToUnixTimeSeconds());
        if (!_perSecond.TryGetValue(series, out var seconds))
            _perSecond[series] = seconds = new long[Seconds];
        seconds[_lastSecond % Seconds] += value;
    }

    /// <summary>Clears the ring's seconds between the last measurement and now.</summary>
    private void Advance(long second)
    {
        if (second <= _lastSecond)
            return;
        for (var s = Math.Max(_lastSecond + 1, second - Seconds + 1); s <= second; s++)
            foreach (var ring in _perSecond.Values)
                ring[s % Seconds] = 0;
        _lastSecond = second;
    }

    /// <summary>The ring from its oldest second to the current one.</summary>
    private long[] Ordered(long[] ring) =>
        [.. Enumerable.Range(0, Seconds).Select(i => ring[(_lastSecond - Seconds + 1 + i) % Seconds])];

    private static void Push<T>(LinkedList<T> list, T item)
    {
        list.AddFirst(item);
        if (list.Count > RecentCount)
            list.RemoveLast();
    }

    private static void Bump(Dictionary<string, long> counts, string key, long value) => counts[key] = counts.GetValueOrDefault(key) + value;

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
            if (tag.Key == key)
                return tag.Value?.ToString() ?? "";
        return "";
    }

    public void Dispose() => _listener.Dispose();
}

/// <param name="SeriesStart">Unix second of each series' first value (one value per second).</param>
public sealed record DashboardSnapshot(
    DateTimeOffset Now, DateTimeOffset Started, long SeriesStart,
    IReadOnlyDictionary<string, long> Outcomes, IReadOnlyDictionary<string, long> Categories,
    IReadOnlyDictionary<string, long> Worker, IReadOnlyDictionary<string, long> Sink,
    IReadOnlyDictionary<string, double> MeanSeconds, IReadOnlyDictionary<string, double> Gauges,
    IReadOnlyDictionary<string, long[]> PerSecond,
    IReadOnlyList<RecentArticle> Articles, IReadOnlyList<RecentFailure> Failures, IReadOnlyList<TopStory> Stories);

public sealed record RecentArticle(string Title, string? Source, string Category, string Status, string StoryId, string FileName, DateTimeOffset At);

public sealed record RecentFailure(string FileName, string Stage, string Reason, DateTimeOffset At);

public sealed record TopStory(string StoryId, string Title, int Copies);
