using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Pipeline;

/// <summary>What a worker learns about one file before the duplicate decision.</summary>
/// <param name="Times">How long each stage took (stages not reached are zero): the worker's latency metrics.</param>
public sealed record AnalysisResult(NormalisedArticle? Article, Fingerprint? Fingerprint, TopicPrediction? Topic, string? Stage, string? Error,
    StageTimes Times = default)
{
    public bool IsSuccess => Error is null;

    /// <summary>Rejected because the budget ran out (<see cref="NormalisationResult.OverBudget"/>), not for the content.</summary>
    public bool OverBudget { get; init; }

    public static AnalysisResult Failed(string stage, string error, StageTimes times = default) => new(null, null, null, stage, error, times);
}

/// <summary>Wall-clock time of each analyse stage for one article.</summary>
public readonly record struct StageTimes(TimeSpan Normalise, TimeSpan Fingerprint, TimeSpan Classify);
