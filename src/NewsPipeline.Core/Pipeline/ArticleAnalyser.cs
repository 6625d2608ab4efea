using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Pipeline;

/// <summary>The worker's CPU-heavy stages in order: normalise, fingerprint, classify.</summary>
/// <param name="time">Times each stage (<see cref="AnalysisResult.Times"/>); the system clock when not given.</param>
public sealed class ArticleAnalyser(IArticleNormaliser normaliser, IFingerprinter fingerprinter, ITopicClassifier classifier, double minConfidence = 0,
    TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public AnalysisResult Analyse(string fileName, ReadOnlySpan<byte> content) =>
        Analyse(fileName, content, CancellationToken.None);

    /// <summary>
    /// Analyses within a budget: the caller cancels <paramref name="budget"/> when the article's time is up (Core keeps
    /// no timers); the normaliser checks it as it goes and the article is then rejected with
    /// <see cref="AnalysisResult.OverBudget"/> set. Fingerprint and classifier are linear in the text.
    /// </summary>
    public AnalysisResult Analyse(string fileName, ReadOnlySpan<byte> content, CancellationToken budget)
    {
        var started = _time.GetTimestamp();
        var normalised = normaliser.Normalise(fileName, content, budget);
        var normalisedAt = _time.GetTimestamp();
        if (normalised.Article is not { } article)
            return AnalysisResult.Failed(Stages.Normalise, normalised.Error ?? "not an article", new StageTimes(_time.GetElapsedTime(started, normalisedAt), default, default))
                with
            { OverBudget = normalised.OverBudget };

        var fingerprint = fingerprinter.Compute(article.Body);
        var fingerprintedAt = _time.GetTimestamp();
        var topic = classifier.Classify(article.Title, article.Body);
        var classifiedAt = _time.GetTimestamp();
        if (topic.Confidence < minConfidence)
            topic = topic with { Category = TopicPrediction.Unclassified };
        var times = new StageTimes(_time.GetElapsedTime(started, normalisedAt), _time.GetElapsedTime(normalisedAt, fingerprintedAt),
            _time.GetElapsedTime(fingerprintedAt, classifiedAt));
        return new AnalysisResult(article, fingerprint, topic, null, null, times);
    }
}
