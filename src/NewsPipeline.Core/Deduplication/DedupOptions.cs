namespace NewsPipeline.Core.Deduplication;

/// <summary>Config section "Dedup": when a near-copy counts as a duplicate, and how much the index remembers.</summary>
public sealed class DedupOptions
{
    public const string Section = "Dedup";

    /// <summary>The largest window the index supports (24-bit slot numbers in its hash tables).</summary>
    public const int MaxSupportedCount = (1 << 24) - 2;

    /// <summary>Estimated 5-shingle Jaccard at or above which an article is a near-duplicate.</summary>
    public double MinJaccard { get; set; } = 0.6;

    /// <summary>
    /// Estimated containment (shared shingles / shingles of the smaller article) at or above which an article is a
    /// near-duplicate: catches trimmed copies and copies with a paragraph appended, whose Jaccard is low.
    /// </summary>
    public double MinContainment { get; set; } = 0.8;

    /// <summary>Containment only counts when the smaller article has at least this many shingles (a headline is "contained" in much).</summary>
    public int MinContainmentShingles { get; set; } = 20;

    /// <summary>Most articles the index remembers; the oldest is forgotten first.</summary>
    public int MaxCount { get; set; } = 10_000_000;

    /// <summary>Articles older than this are forgotten; zero keeps them until <see cref="MaxCount"/> pushes them out.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.Zero;

    /// <summary>Every problem with the values, naming the key; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (MinJaccard is <= 0 or > 1)
            yield return $"{Section}:MinJaccard must be in (0, 1], was {MinJaccard}";
        if (MinContainment is <= 0 or > 1)
            yield return $"{Section}:MinContainment must be in (0, 1], was {MinContainment}";
        if (MinContainmentShingles < 1)
            yield return $"{Section}:MinContainmentShingles must be at least 1, was {MinContainmentShingles}";
        if (MaxCount is < 1 or > MaxSupportedCount)
            yield return $"{Section}:MaxCount must be between 1 and {MaxSupportedCount}, was {MaxCount}";
        if (MaxAge < TimeSpan.Zero)
            yield return $"{Section}:MaxAge must not be negative, was {MaxAge}";
    }
}
