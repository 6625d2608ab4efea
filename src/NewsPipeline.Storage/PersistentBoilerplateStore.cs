using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage;

/// <summary>
/// Learned boilerplate kept in a database shared by every worker and kept across restarts. One row per
/// (line, article signature) in <c>boilerplate_line</c>; a line that reaches enough different articles is promoted,
/// when it does, into <c>boilerplate_known</c> with a sequence number, so a worker's refresh reads only the lines
/// promoted since its last one (never a scan of every observation), and lines already known get no more rows.
/// Lookups never touch the database: an in-memory set (<see cref="InMemoryBoilerplateStore"/>) answers, loaded at start
/// and refreshed every <see cref="RefreshEvery"/> so other workers' learning arrives. Observations are buffered and
/// written in one transaction per batch, off the per-line path. The database being unreachable never fails an
/// article: learning is best-effort, so observations wait (bounded) for the next sync and lookups use what is cached.
/// </summary>
public abstract class PersistentBoilerplateStore : IBoilerplateStore, IDisposable
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    private const int FlushAfterArticles = 64;
    private const int MaxPending = 10_000;

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InMemoryBoilerplateStore _cache;
    private readonly List<BoilerplateObservation> _pending = [];
    private readonly Lock _gate = new();
    private readonly Lock _writing = new();
    private bool _syncing;
    private int _disposed;
    private Task? _background;
    private readonly HashSet<ulong> _persistedKnown = [];
    private DateTimeOffset _lastSync;
    private long _lastKnownSeq;
    private bool _schemaMissing;

    protected PersistentBoilerplateStore(int minArticles, TimeProvider? time, ILogger? logger)
    {
        MinArticles = minArticles;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _cache = new InMemoryBoilerplateStore(minArticles);
    }

    protected int MinArticles { get; }

    public bool IsBoilerplate(ulong lineHash) => _cache.IsBoilerplate(lineHash);

    /// <summary>Lines known as boilerplate here: learned by this process or loaded from what every worker learned.</summary>
    public int KnownCount => _cache.KnownCount;

    public void Observe(BoilerplateObservation observation)
    {
        _cache.Observe(observation);
        lock (_gate)
        {
            _pending.Add(observation);
            if (_syncing || (_pending.Count < FlushAfterArticles && _time.GetUtcNow() - _lastSync < RefreshEvery)) return;
            _syncing = true;
            // The write happens off the caller's thread: an article never waits for the database (lookups use the cache).
            _background = Task.Run(SyncInBackground);
        }
    }

    private void SyncInBackground()
    {
        try
        {
            Sync();
        }
        finally
        {
            lock (_gate) _syncing = false;
        }
    }

    /// <summary>Writes buffered observations and reloads what every worker has learned.</summary>
    public void Flush()
    {
        Task? running;
        lock (_gate) running = _background;
        running?.Wait(); // so nothing writes after Dispose
        Sync();
    }

    /// <summary>Idempotent: the container disposes it once per registration (its own type and the port).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        Flush();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Creates the table if needed and loads what is known; call once from the constructor of the subclass.</summary>
    protected void Start()
    {
        _lastSync = _time.GetUtcNow();
        try
        {
            CreateSchema();
            Refresh();
        }
        catch (Exception e) when (IsDatabaseError(e))
        {
            _schemaMissing = true;
            _logger.LogWarning(e, "Learned boilerplate store unreachable at start; normalising without it until the next sync in {RefreshEvery}", RefreshEvery);
        }
    }

    /// <summary>Errors of the database or its driver (connection refused, timeout, locked, …), not bugs.</summary>
    protected abstract bool IsDatabaseError(Exception e);

    /// <summary>Creates both tables if needed; fills <c>boilerplate_known</c> from the observations when it is empty.</summary>
    protected abstract void CreateSchema();

    /// <summary>
    /// In one transaction: inserts the (line, article) pairs, ignoring those already there, then promotes each of the
    /// given lines that now has rows for at least <see cref="MinArticles"/> articles into <c>boilerplate_known</c>.
    /// </summary>
    protected abstract void Write(IReadOnlyList<(long Line, long Article)> rows);

    /// <summary>Lines promoted after sequence number <paramref name="afterSeq"/>, with their sequence numbers.</summary>
    protected abstract IReadOnlyList<(long Seq, ulong Line)> LoadKnownSince(long afterSeq);

    private void Refresh()
    {
        var promoted = LoadKnownSince(_lastKnownSeq);
        if (promoted.Count == 0)
            return;
        foreach (var (seq, line) in promoted)
        {
            _persistedKnown.Add(line);
            _lastKnownSeq = Math.Max(_lastKnownSeq, seq);
        }
        _cache.AddKnown(promoted.Select(p => p.Line));
    }

    /// <summary>One writer at a time; observations arriving meanwhile wait for the next sync.</summary>
    private void Sync()
    {
        lock (_writing)
        {
            List<BoilerplateObservation> batch;
            lock (_gate)
            {
                _lastSync = _time.GetUtcNow();
                batch = [.. _pending];
                _pending.Clear();
            }
            try
            {
                if (_schemaMissing)
                {
                    CreateSchema();
                    _schemaMissing = false;
                }
                if (batch.Count > 0)
                {
                    var rows = batch
                        .SelectMany(o => o.LineHashes.Distinct().Where(line => !_persistedKnown.Contains(line))
                            .Select(line => (unchecked((long)line), unchecked((long)o.ArticleSignature))))
                        .ToList();
                    if (rows.Count > 0)
                        Write(rows);
                }
                Refresh();
            }
            catch (Exception e) when (IsDatabaseError(e))
            {
                int kept;
                lock (_gate)
                {
                    _pending.InsertRange(0, batch);
                    if (_pending.Count > MaxPending)
                        _pending.RemoveRange(0, _pending.Count - MaxPending);
                    kept = _pending.Count;
                }
                _logger.LogWarning(e, "Learned boilerplate store unreachable; {Pending} observations kept for the next sync in {RefreshEvery}", kept, RefreshEvery);
            }
        }
    }
}
