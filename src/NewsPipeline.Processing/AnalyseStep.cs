using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>What the analyse step made of one file: the article for the record step, or its rejection.</summary>
public sealed record AnalyseOutcome(ArticleAnalysed? Analysed, ArticleRejected? Rejected);

/// <summary>
/// The analyse step: normalise → fingerprint → classify (<see cref="ArticleAnalyser"/>) and the one mapping of its
/// result onto the hop to the record step. The worker consumer and `process` both analyse through here.
/// </summary>
public sealed class AnalyseStep(ArticleAnalyser analyser, TimeProvider time, ILogger<AnalyseStep> logger)
{
    public AnalyseOutcome Analyse(ArticleReceived message)
    {
        var result = analyser.Analyse(message.FileName, message.Content);
        if (result is not { Article: { } article, Fingerprint: { } fingerprint, Topic: { } topic })
        {
            var stage = result.Stage ?? Stages.Normalise;
            var reason = result.Error ?? "unknown error";
            logger.LogWarning("Rejected {ArticleId} from {FileName} at {Stage}: {Reason}", message.ArticleId, message.FileName, stage, reason);
            return new AnalyseOutcome(null, new ArticleRejected(message.ArticleId, message.FileName, stage, reason, time.GetUtcNow(), message.ClaimId));
        }

        logger.LogDebug("Analysed {ArticleId} from {FileName}: {Category} ({Confidence:F2})", message.ArticleId, message.FileName, topic.Category, topic.Confidence);
        return new AnalyseOutcome(new ArticleAnalysed
        {
            ArticleId = message.ArticleId,
            FileName = message.FileName,
            ClaimId = message.ClaimId,
            ReceivedAt = message.ReceivedAt,
            Title = article.Title,
            Body = article.Body,
            Byline = article.Byline,
            Authors = article.Authors,
            Source = article.Source,
            Contributors = article.Contributors,
            Url = article.Url,
            Published = article.Published,
            Language = article.Language,
            WordCount = article.WordCount,
            Category = topic.Category,
            Confidence = topic.Confidence,
            RunnerUp = topic.RunnerUp,
            RunnerUpConfidence = topic.RunnerUpConfidence,
            BodyHash = fingerprint.BodyHash,
            Signature = fingerprint.Signature,
        }, null);
    }
}
