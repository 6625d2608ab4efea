using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Pipeline;

/// <summary>What a worker learns about one file before the duplicate decision.</summary>
public sealed record AnalysisResult(NormalisedArticle? Article, Fingerprint? Fingerprint, TopicPrediction? Topic, string? Stage, string? Error)
{
    public bool IsSuccess => Error is null;

    public static AnalysisResult Failed(string stage, string error) => new(null, null, null, stage, error);
}
