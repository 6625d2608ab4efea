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

    /// <summary>Files announced at least <paramref name="wait"/> (doubled per earlier re-announcement) ago with no outcome.</summary>
    public IReadOnlyList<(string FileName, TimeSpan Waited)> Overdue(DateTimeOffset now, TimeSpan wait) =>
        [.. _entries
            .Where(e => now - e.Value.AnnouncedAt >= wait * (1 << Math.Min(e.Value.Attempts, MaxDoublings)))
            .Select(e => (e.Key, now - e.Value.AnnouncedAt))
            .OrderBy(e => e.Key, StringComparer.Ordinal)];

    public void Release(string fileName)
    {
        _entries.TryRemove(fileName, out _);
        Released?.Invoke();
    }

    private readonly record struct Entry(string ArticleId, string ClaimId, DateTimeOffset AnnouncedAt, int Attempts, ClaimRecord? Claim, DateTimeOffset FirstAnnouncedAt);
}
