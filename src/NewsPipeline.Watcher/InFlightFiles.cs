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
    // When outcomes last came back, and since when they have been coming back after the last stall (see Overdue).
    private readonly Lock _clock = new();
    private DateTimeOffset? _lastOutcome;
    private DateTimeOffset _flowingSince = DateTimeOffset.MinValue;
    private DateTimeOffset _lastProbe = DateTimeOffset.MinValue;
    private bool _stalled;

    /// <summary>Raised when a processing name is freed: a file waiting in the inbox for that name can be claimed now.</summary>
    public event Action? Released;

    /// <summary>Records an announcement; announcing the same delivery again counts as another attempt.</summary>
    public void Add(string fileName, string articleId, DateTimeOffset? at = null, string claimId = "", ClaimRecord? claim = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        _entries.AddOrUpdate(fileName, new Entry(articleId, claimId, now, 0, claim, now),
            (_, old) => old.ArticleId == articleId && old.ClaimId == claimId
                ? new Entry(articleId, claimId, now, old.Attempts + 1, claim ?? old.Claim, old.FirstAnnouncedAt)
                : new Entry(articleId, claimId, now, 0, claim, now));
    }

    /// <summary>The claim as announced (kept here so an outcome needs no read of the claim record).</summary>
    public ClaimRecord? ClaimOf(string fileName) => _entries.TryGetValue(fileName, out var entry) ? entry.Claim : null;

    /// <summary>When this delivery was first announced by this process (re-announcements keep it): the start of its latency.</summary>
    public DateTimeOffset? FirstAnnouncedAtOf(string fileName) => _entries.TryGetValue(fileName, out var entry) ? entry.FirstAnnouncedAt : null;

    /// <summary>Files announced and waiting for their outcome.</summary>
    public int Count => _entries.Count;

    public string? ArticleIdOf(string fileName) => _entries.TryGetValue(fileName, out var entry) ? entry.ArticleId : null;

    public string? ClaimIdOf(string fileName) => _entries.TryGetValue(fileName, out var entry) ? entry.ClaimId : null;

    /// <summary>Makes the next scan announce the file again (its claimed content changed: a new delivery).</summary>
    public void MarkOverdue(string fileName, string articleId)
    {
        _entries.AddOrUpdate(fileName, new Entry(articleId, "", DateTimeOffset.UnixEpoch, 0, null, DateTimeOffset.UtcNow),
            (_, old) => old with { AnnouncedAt = DateTimeOffset.UnixEpoch, Attempts = 0 });
        Released?.Invoke();
    }

    /// <summary>
    /// Files with no outcome for at least <paramref name="wait"/> (doubled per earlier re-announcement) of the time the
    /// pipeline was answering: those to announce again, and how many are held.
    /// While nothing has come back for a while (half the wait, at most a minute), the sink or its store is down rather
    /// than messages lost: every overdue file but one is held, and that one (the longest waiting, at most one per wait)
    /// is announced again as a probe, so a lost last message is still recovered. When outcomes come back after such a
    /// stall, every file's wait starts again from then: what queued during an outage is answered once the pipeline is
    /// back, and announcing it again then would only queue copies behind it. A file whose content changed after its
    /// claim is always due.
    /// </summary>
    public (IReadOnlyList<(string FileName, TimeSpan Waited)> Due, int Held) Overdue(DateTimeOffset now, TimeSpan wait)
    {
        var gap = wait / 2 < TimeSpan.FromMinutes(1) ? wait / 2 : TimeSpan.FromMinutes(1);
        var due = new List<(string FileName, TimeSpan Waited, bool Forced)>();
        lock (_clock)
        {
            var snapshot = _entries.ToArray();
            if (snapshot.Length == 0)
                return ([], 0);
            var lastAnswer = _lastOutcome ?? snapshot.Min(e => e.Value.AnnouncedAt);
            var stalled = now - lastAnswer >= gap;
            _stalled |= stalled;
            foreach (var (fileName, entry) in snapshot)
            {
                if (entry.OutcomeHeld)
                    continue; // its outcome is here, retried by the watcher (FileOutcomes)
                var forced = entry.AnnouncedAt == DateTimeOffset.UnixEpoch;
                var from = entry.AnnouncedAt > _flowingSince ? entry.AnnouncedAt : _flowingSince;
                if (forced || now - from >= wait * (1 << Math.Min(entry.Attempts, MaxDoublings)))
                    due.Add((fileName, now - entry.AnnouncedAt, forced));
            }
            if (stalled)
            {
                var probe = now - _lastProbe >= wait ? due.Where(d => !d.Forced).OrderByDescending(d => d.Waited).Take(1).ToList() : [];
                if (probe.Count > 0)
                    _lastProbe = now;
                var kept = due.Where(d => d.Forced).Concat(probe).ToList();
                var held = due.Count - kept.Count;
                due = kept;
                return (Sorted(due), held);
            }
        }
        return (Sorted(due), 0);
    }

    private static List<(string FileName, TimeSpan Waited)> Sorted(List<(string FileName, TimeSpan Waited, bool Forced)> due) =>
        [.. due.Select(d => (d.FileName, d.Waited)).OrderBy(d => d.FileName, StringComparer.Ordinal)];

    /// <summary>The file has its outcome (applied <paramref name="at"/>): it leaves the set and frees its name.</summary>
    public void Release(string fileName, DateTimeOffset at)
    {
        _entries.TryRemove(fileName, out _);
        lock (_clock)
            Answered(at);
        Released?.Invoke();
    }

    /// <summary>
    /// An outcome message came back from the sink (<paramref name="at"/>), whether or not its files could be moved:
    /// the sink answers, so nothing overdue is held on its account (see <see cref="Overdue"/>).
    /// </summary>
    public void OutcomeArrived(DateTimeOffset at)
    {
        lock (_clock)
            Answered(at);
    }

    /// <summary>
    /// The file's outcome came back but could not be written yet (the watcher's own disk: full, a name that fails):
    /// the watcher retries it itself, so it is not announced again and does not count as waiting for the sink.
    /// </summary>
    public void OutcomeHeld(string fileName)
    {
        if (_entries.TryGetValue(fileName, out var entry))
            _entries.TryUpdate(fileName, entry with { OutcomeHeld = true }, entry);
    }

    /// <summary>
    /// The claimed file left the processing folder without an outcome (someone deleted it): it no longer waits, and
    /// its name is free. Not an answer from the sink, so the clock of <see cref="Overdue"/> is left alone.
    /// </summary>
    public void Forget(string fileName)
    {
        if (_entries.TryRemove(fileName, out _))
            Released?.Invoke();
    }

    // Under _clock.
    private void Answered(DateTimeOffset at)
    {
        if (_stalled)
        {
            _flowingSince = at;
            _stalled = false;
        }
        if (_lastOutcome is not { } last || at > last)
            _lastOutcome = at;
    }

    private readonly record struct Entry(string ArticleId, string ClaimId, DateTimeOffset AnnouncedAt, int Attempts, ClaimRecord? Claim, DateTimeOffset FirstAnnouncedAt,
        bool OutcomeHeld = false);
}
