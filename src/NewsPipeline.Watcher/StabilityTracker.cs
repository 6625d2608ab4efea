namespace NewsPipeline.Watcher;

/// <summary>
/// Decides when a file is complete: its size and modification time have not changed for a while. A writer that is still
/// appending changes one of them; waiting one interval since they were first seen unchanged is what makes this safe.
/// </summary>
public sealed class StabilityTracker(TimeSpan stableFor)
{
    private readonly Dictionary<string, (long Length, DateTime LastWriteUtc, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    /// <summary>Records this observation; true once the same size and time have been seen for at least the interval.</summary>
    public bool IsStable(string fileName, long length, DateTime lastWriteUtc, DateTimeOffset now)
    {
        if (_seen.TryGetValue(fileName, out var seen) && seen.Length == length && seen.LastWriteUtc == lastWriteUtc)
            return now - seen.Since >= stableFor;
        _seen[fileName] = (length, lastWriteUtc, now);
        return false;
    }

    public void Forget(string fileName) => _seen.Remove(fileName);

    /// <summary>Drops files that are gone, so the table does not grow with everything ever seen.</summary>
    public void RetainOnly(IReadOnlySet<string> present)
    {
        foreach (var name in _seen.Keys.Where(n => !present.Contains(n)).ToList())
            _seen.Remove(name);
    }
}
