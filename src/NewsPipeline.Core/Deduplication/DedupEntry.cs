namespace NewsPipeline.Core.Deduplication;

/// <summary>One indexed article: what the duplicate index keeps (and reloads from the store at start).</summary>
public sealed record DedupEntry(string ArticleId, string FileName, string StoryId, string BodyHash, uint[] Signature);
