namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// In-memory exact + near-duplicate index. Not thread-safe by design: it lives at the pipeline's
/// single serialisation point, so decisions are made one at a time.
/// </summary>
public interface IDuplicateIndex
{
    int Count { get; }

    /// <summary>Decides whether the article copies an indexed one and indexes it under its story.</summary>
    DedupDecision DecideAndAdd(string articleId, string fileName, Fingerprint fingerprint);

    /// <summary>Adds an already-decided article (used when reloading from the store).</summary>
    void Add(DedupEntry entry);

    /// <summary>Sizes the index for this many articles at once, before a reload from the store.</summary>
    void Reserve(int articles);

    bool Remove(string articleId);
}
