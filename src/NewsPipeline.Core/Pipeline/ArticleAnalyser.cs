using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Pipeline;

/// <summary>The worker's CPU-heavy stages in order: normalise, fingerprint, classify.</summary>
public sealed class ArticleAnalyser(IArticleNormaliser normaliser, IFingerprinter fingerprinter, ITopicClassifier classifier, double minConfidence = 0)
{
    public AnalysisResult Analyse(string fileName, ReadOnlySpan<byte> content) =>
        Analyse(fileName, content, CancellationToken.None);

    /// <summary>
    /// Analyses within a budget: the caller cancels <paramref name="budget"/> when the article's time is up (Core keeps
    /// no timers); the normaliser checks it as it goes and the article is then rejected with
    /// <see cref="Normalisation.Html.HtmlBounds.BudgetExceeded"/>. Fingerprint and classifier are linear in the text.
    /// </summary>
    public AnalysisResult Analyse(string fileName, ReadOnlySpan<byte> content, CancellationToken budget)
    {
        var normalised = normaliser.Normalise(fileName, content, budget);
        if (normalised.Article is not { } article)
            return AnalysisResult.Failed(Stages.Normalise, normalised.Error ?? "not an article");

        var fingerprint = fingerprinter.Compute(article.Body);
        var topic = classifier.Classify(article.Title, article.Body);
        if (topic.Confidence < minConfidence)
            topic = topic with { Category = TopicPrediction.Unclassified };
        return new AnalysisResult(article, fingerprint, topic, null, null);
    }
}
