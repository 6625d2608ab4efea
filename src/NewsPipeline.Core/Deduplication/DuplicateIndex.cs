namespace NewsPipeline.Core.Deduplication;

/// <summary>PLACEHOLDER: exact-only index, replaced by the real one.</summary>
public sealed class DuplicateIndex : IDuplicateIndex
{
    private readonly Dictionary<string, DedupEntry> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DedupEntry> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public DedupDecision DecideAndAdd(string articleId, string fileName, Fingerprint fingerprint)
    {
        if (_byHash.TryGetValue(fingerprint.BodyHash, out var first))
        {
            Add(new DedupEntry(articleId, fileName, first.StoryId, fingerprint.BodyHash, fingerprint.Signature));
            return new DedupDecision(first.ArticleId, first.FileName, first.StoryId, 1.0, "exact");
        }
        Add(new DedupEntry(articleId, fileName, articleId, fingerprint.BodyHash, fingerprint.Signature));
        return DedupDecision.Original(articleId);
    }

    public void Add(DedupEntry entry)
    {
        _byId[entry.ArticleId] = entry;
        _byHash.TryAdd(entry.BodyHash, entry);
    }

    public bool Remove(string articleId)
    {
        if (!_byId.Remove(articleId, out var entry))
            return false;
        if (_byHash.TryGetValue(entry.BodyHash, out var first) && first.ArticleId == articleId)
            _byHash.Remove(entry.BodyHash);
        return true;
    }
}
