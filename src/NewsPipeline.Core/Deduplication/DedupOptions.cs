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

    /// <summary>
    /// Verification of loose candidates on the bodies (syndicated copies with furniture, trimming and edits together,
    /// whose signatures fall under the thresholds above). Off, the signatures alone decide, as before.
    /// </summary>
    public bool Verify { get; set; } = true;

    /// <summary>LSH candidates with at least this estimated Jaccard are verified on the bodies.</summary>
    public double CandidateJaccard { get; set; } = 0.2;

    /// <summary>LSH candidates with at least this estimated containment are verified on the bodies.</summary>
    public double CandidateContainment { get; set; } = 0.5;

    /// <summary>Most candidates verified per article (the most contained first): each costs a body read at the sink.</summary>
    public int MaxVerified { get; set; } = 3;

    /// <summary>Share of the shorter body's sentences found in the longer at or above which a candidate is verified.</summary>
    public double MinSentenceOverlap { get; set; } = 0.7;

    /// <summary>The shorter body needs this many sentences (of 4+ words) for sentence overlap to count.</summary>
    public int MinVerifiedSentences { get; set; } = 2;

    /// <summary>Share of the shorter body's figures found in the longer that a verified candidate needs.</summary>
    public double MinNumberAgreement { get; set; } = 0.7;

    /// <summary>Share of the shorter body's names found in the longer that a verified candidate needs (templated items about another company or place differ).</summary>
    public double MinEntityAgreement { get; set; } = 0.8;

    /// <summary>Exact 5-shingle Jaccard of the bodies that a verified candidate needs: a copy keeps most of the story.</summary>
    public double MinBodyJaccard { get; set; } = 0.4;

    /// <summary>A strict candidate whose bodies' exact Jaccard is under this is vetoed: a short item inside a much longer story, not a copy of it.</summary>
    public double MinStrictBodyJaccard { get; set; } = 0.43;

    /// <summary>A candidate with this many figures changed in place (the same words around other figures) is vetoed: a templated item.</summary>
    public int VetoChangedFigures { get; set; } = 3;

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
        if (CandidateJaccard is <= 0 or > 1)
            yield return $"{Section}:CandidateJaccard must be in (0, 1], was {CandidateJaccard}";
        if (CandidateContainment is <= 0 or > 1)
            yield return $"{Section}:CandidateContainment must be in (0, 1], was {CandidateContainment}";
        if (MaxVerified < 1)
            yield return $"{Section}:MaxVerified must be at least 1, was {MaxVerified}";
        if (MinSentenceOverlap is <= 0 or > 1)
            yield return $"{Section}:MinSentenceOverlap must be in (0, 1], was {MinSentenceOverlap}";
        if (MinVerifiedSentences < 1)
            yield return $"{Section}:MinVerifiedSentences must be at least 1, was {MinVerifiedSentences}";
        if (MinNumberAgreement is < 0 or > 1)
            yield return $"{Section}:MinNumberAgreement must be in [0, 1], was {MinNumberAgreement}";
        if (MinEntityAgreement is < 0 or > 1)
            yield return $"{Section}:MinEntityAgreement must be in [0, 1], was {MinEntityAgreement}";
        if (MinBodyJaccard is < 0 or > 1)
            yield return $"{Section}:MinBodyJaccard must be in [0, 1], was {MinBodyJaccard}";
        if (MinStrictBodyJaccard is < 0 or > 1)
            yield return $"{Section}:MinStrictBodyJaccard must be in [0, 1], was {MinStrictBodyJaccard}";
        if (VetoChangedFigures < 1)
            yield return $"{Section}:VetoChangedFigures must be at least 1, was {VetoChangedFigures}";
        if (MaxCount is < 1 or > MaxSupportedCount)
            yield return $"{Section}:MaxCount must be between 1 and {MaxSupportedCount}, was {MaxCount}";
        if (MaxAge < TimeSpan.Zero)
            yield return $"{Section}:MaxAge must not be negative, was {MaxAge}";
    }
}
