namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// In-memory exact + near-duplicate index. Not thread-safe by design: it lives at the pipeline's
/// single serialisation point, so decisions are made one at a time.
/// </summary>
public interface IDuplicateIndex
{
    int Count { get; }

    /// <summary>
    /// Indexed articles to check on the bodies before <see cref="DecideAndAdd"/>: LSH candidates that pass the
    /// near-duplicate thresholds (strict) or the looser candidate setting, best first. Empty for an exact duplicate
    /// or when verification is off. Changes nothing.
    /// </summary>
    IReadOnlyList<NearCandidate> Candidates(Fingerprint fingerprint);

    /// <summary>
    /// Decides whether the article copies an indexed one and indexes it under its story: an exact match, else the best
    /// near match by the signatures that the verdict did not veto, else the verdict's verified candidate when it is
    /// still indexed.
    /// </summary>
    DedupDecision DecideAndAdd(string articleId, string fileName, Fingerprint fingerprint, CandidateVerdict? verdict = null);

    /// <summary>Adds an already-decided article (used when reloading from the store).</summary>
    void Add(DedupEntry entry);

    /// <summary>Sizes the index for this many articles at once, before a reload from the store.</summary>
    void Reserve(int articles);

    bool Remove(string articleId);
}
