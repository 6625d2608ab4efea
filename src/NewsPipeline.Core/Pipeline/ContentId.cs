using System.Security.Cryptography;

namespace NewsPipeline.Core.Pipeline;

/// <summary>ArticleId = content hash, so retries and redeliveries are idempotent.</summary>
public static class ContentId
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
