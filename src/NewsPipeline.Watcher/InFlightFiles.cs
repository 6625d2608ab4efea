using System.Collections.Concurrent;

namespace NewsPipeline.Watcher;

/// <summary>
/// The files this watcher announced and has not seen an outcome for, by FileName. Lets the outcome consumer tell a
/// redelivered event for an earlier file from the event for the file now holding that name in the processing folder,
/// and the scan find files whose outcome is overdue.
/// </summary>
public sealed class InFlightFiles
{
    // Each re-announcement of the same content doubles the wait, up to 2^MaxDoublings: a long backlog is not flooded.
    private const int MaxDoublings = 6;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // The latest announce time of a file that has its outcome: what was announced before it has been passed.
    private long _answeredUpTo = long.MinValue;

    /// <summary>Raised when a processing name is freed: a file waiting in the inbox for that name can be claimed now.</summary>
    public event Action? Released;

    /// <summary>Records an announcement; announcing the same delivery again counts as another attempt.</summary>
    public void Add(string fileName, string articleId, DateTimeOffset? at = null, string claimId = "", ClaimRecord? claim = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        _entries.AddOrUpdate(fileName, new Entry(articleId, claimId, now, 0, claim),
            (_, old) => old.ArticleId == articleId && old.ClaimId == claimId
                ? new Entry(articleId, claimId, now, old.Attempts + 1, claim ?? old.Claim)
                : new Entry(articleId, claimId, now, 0, claim));
    }

    /// <summary>The claim as announced (kept here so an outcome needs no read of the claim record).</summary>
    public ClaimRecord? ClaimOf(string fileName) => _entries.TryGetValue(fileName, out var entry) ? entry.Claim : null;

    public string? ArticleIdOf(string fileName) => _entries.TryGetValue(fileName, out var entry) ? entry.ArticleId : null;

    public string? ClaimIdOf(string fileName) => _entries.TryGetValue(fileName, out var entry) ? entry.ClaimId : null;

    /// <summary>Makes the next scan announce the file again (its claimed content changed: a new delivery).</summary>
    public void MarkOverdue(string fileName, string articleId)
    {
        _entries.AddOrUpdate(fileName, new Entry(articleId, "", DateTimeOffset.UnixEpoch, 0, null),
            (_, old) => old with { AnnouncedAt = DateTimeOffset.UnixEpoch, Attempts = 0 });
        Released?.Invoke();
    }

    /// <summary>
    /// Files announced at least <paramref name="wait"/> (doubled per earlier re-announcement) ago with no outcome: those
    /// to announce again, and how many are held. A file is held while nothing announced after it has come back: the
    /// pipeline has not moved past it, so the sink or its store is down rather than its message lost, and another copy
    /// would only queue behind the one waiting there. A file alone in flight is never held (a lost last message looks
    /// the same), nor one whose content changed after its claim.
    /// </summary>
    public (IReadOnlyList<(string FileName, TimeSpan Waited)> Due, int Held) Overdue(DateTimeOffset now, TimeSpan wait)
    {
        var answeredUpTo = Interlocked.Read(ref _answeredUpTo);
        var alone = _entries.Count == 1;
        var due = new List<(string FileName, TimeSpan Waited)>();
        var held = 0;
        foreach (var (fileName, entry) in _entries)
        {
            if (now - entry.AnnouncedAt < wait * (1 << Math.Min(entry.Attempts, MaxDoublings)))
                continue;
            if (alone || entry.AnnouncedAt == DateTimeOffset.UnixEpoch || entry.AnnouncedAt.UtcTicks < answeredUpTo)
                due.Add((fileName, now - entry.AnnouncedAt));
            else
                held++;
        }
        due.Sort((x, y) => StringComparer.Ordinal.Compare(x.FileName, y.FileName));
        return (due, held);
    }

    /// <summary>The file has its outcome: it leaves the set and frees its name, and what was announced before it has been passed.</summary>
    public void Release(string fileName)
    {
        if (_entries.TryRemove(fileName, out var entry))
        {
            var ticks = entry.AnnouncedAt.UtcTicks;
            for (var seen = Interlocked.Read(ref _answeredUpTo); seen < ticks; seen = Interlocked.Read(ref _answeredUpTo))
                if (Interlocked.CompareExchange(ref _answeredUpTo, ticks, seen) == seen)
                    break;
        }
        Released?.Invoke();
    }

    private readonly record struct Entry(string ArticleId, string ClaimId, DateTimeOffset AnnouncedAt, int Attempts, ClaimRecord? Claim);
}
