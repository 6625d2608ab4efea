using System.Text.Json.Serialization;

namespace NewsPipeline.Contracts;

/// <summary>A worker's result for one file: normalised article, its fingerprint and its topic. The sink decides duplicates.</summary>
public sealed record ArticleAnalysed
{
    public required string ArticleId { get; init; }
    public required string FileName { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The watcher's claim of the file (see <see cref="ArticleReceived.ClaimId"/>).</summary>
    public string ClaimId { get; init; } = "";

    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Byline { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Source { get; init; }
    public IReadOnlyList<string> Contributors { get; init; } = [];
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Language { get; init; }
    public int WordCount { get; init; }

    public required string Category { get; init; }
    public double Confidence { get; init; }
    public string? RunnerUp { get; init; }
    public double? RunnerUpConfidence { get; init; }

    /// <summary>Hex hash of the normalised body (exact-duplicate key).</summary>
    public required string BodyHash { get; init; }

    /// <summary>Near-duplicate signature of the normalised body (base64 on the wire: see <see cref="UInt32ArrayAsBase64"/>).</summary>
    [JsonConverter(typeof(UInt32ArrayAsBase64))]
    public required uint[] Signature { get; init; }
}
