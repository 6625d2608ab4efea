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

    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly InMemoryBoilerplateStore cache;
    private readonly List<BoilerplateObservation> pending = [];
    private readonly Lock gate = new();
    private readonly Lock writing = new();
    private bool syncing;
    private int disposed;
    private Task? background;
    private readonly HashSet<ulong> persistedKnown = [];
    private DateTimeOffset lastSync;
    private long lastKnownSeq;
    private bool schemaMissing;

    protected PersistentBoilerplateStore(int minArticles, TimeProvider? time, ILogger? logger)
    {
        MinArticles = minArticles;
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        cache = new InMemoryBoilerplateStore(minArticles);
    }

    protected int MinArticles { get; }

    public bool IsBoilerplate(ulong lineHash) => cache.IsBoilerplate(lineHash);

    /// <summary>Lines known as boilerplate here: learned by this process or loaded from what every worker learned.</summary>
    public int KnownCount => cache.KnownCount;

    public void Observe(BoilerplateObservation observation)
    {
        cache.Observe(observation);
        lock (gate)
        {
            pending.Add(observation);
            if (syncing || (pending.Count < FlushAfterArticles && time.GetUtcNow() - lastSync < RefreshEvery)) return;
            syncing = true;
            // The write happens off the caller's thread: an article never waits for the database (lookups use the cache).
            background = Task.Run(SyncInBackground);
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
            lock (gate) syncing = false;
        }
    }

    /// <summary>Writes buffered observations and reloads what every worker has learned.</summary>
    public void Flush()
    {
        Task? running;
        lock (gate) running = background;
        running?.Wait(); // so nothing writes after Dispose
        Sync();
    }

    /// <summary>Idempotent: the container disposes it once per registration (its own type and the port).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
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
        lastSync = time.GetUtcNow();
        try
        {
            CreateSchema();
            Refresh();
        }
        catch (Exception e) when (IsDatabaseError(e))
        {
            schemaMissing = true;
            logger.LogWarning(e, "Learned boilerplate store unreachable at start; normalising without it until the next sync in {RefreshEvery}", RefreshEvery);
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
        var promoted = LoadKnownSince(lastKnownSeq);
        if (promoted.Count == 0)
            return;
        foreach (var (seq, line) in promoted)
        {
            persistedKnown.Add(line);
            lastKnownSeq = Math.Max(lastKnownSeq, seq);
        }
        cache.AddKnown(promoted.Select(p => p.Line));
    }

    /// <summary>One writer at a time; observations arriving meanwhile wait for the next sync.</summary>
    private void Sync()
    {
        lock (writing)
        {
            List<BoilerplateObservation> batch;
            lock (gate)
            {
                lastSync = time.GetUtcNow();
                batch = [.. pending];
                pending.Clear();
            }
            try
            {
                if (schemaMissing)
                {
                    CreateSchema();
                    schemaMissing = false;
                }
                if (batch.Count > 0)
                {
                    var rows = batch
                        .SelectMany(o => o.LineHashes.Distinct().Where(line => !persistedKnown.Contains(line))
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
                lock (gate)
                {
                    pending.InsertRange(0, batch);
                    if (pending.Count > MaxPending)
                        pending.RemoveRange(0, pending.Count - MaxPending);
                    kept = pending.Count;
                }
                logger.LogWarning(e, "Learned boilerplate store unreachable; {Pending} observations kept for the next sync in {RefreshEvery}", kept, RefreshEvery);
            }
        }
    }
}
