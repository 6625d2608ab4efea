using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Pipeline;

/// <summary>The worker's CPU-heavy stages in order: normalise, fingerprint, classify.</summary>
public sealed class ArticleAnalyser(IArticleNormaliser normaliser, IFingerprinter fingerprinter, ITopicClassifier classifier, double minConfidence = 0)
{
    public AnalysisResult Analyse(string fileName, ReadOnlySpan<byte> content)
    {
        var normalised = normaliser.Normalise(fileName, content);
        if (normalised.Article is not { } article)
            return AnalysisResult.Failed(Stages.Normalise, normalised.Error ?? "not an article");

        var fingerprint = fingerprinter.Compute(article.Body);
        var topic = classifier.Classify(article.Title, article.Body);
        if (topic.Confidence < minConfidence)
            topic = topic with { Category = TopicPrediction.Unclassified };
        return new AnalysisResult(article, fingerprint, topic, null, null);
    }
}
