namespace NewsPipeline.Core.Ports;

/// <summary>Outcome names as they appear in events, the store and the one-shot output.</summary>
public static class ArticleStatus
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}
