namespace NewsPipeline.Core.Deduplication;

/// <summary>One indexed article: what the duplicate index keeps (and reloads from the store at start).</summary>
/// <param name="IndexedAt">When the article was stored: the age window counts from here.</param>
public sealed record DedupEntry(string ArticleId, string FileName, string StoryId, string BodyHash, uint[] Signature, DateTimeOffset IndexedAt);
