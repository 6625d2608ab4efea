using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>Normalise → fingerprint → classify in one hop: each broker message costs more than these stages do.</summary>
public sealed class AnalyseArticleConsumer(ArticleAnalyser analyser, TimeProvider time, ILogger<AnalyseArticleConsumer> logger)
    : IConsumer<ArticleReceived>
{
    public async Task Consume(ConsumeContext<ArticleReceived> context)
    {
        var message = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = message.ArticleId });
        var result = analyser.Analyse(message.FileName, message.Content);
        if (result is not { Article: { } article, Fingerprint: { } fingerprint, Topic: { } topic })
        {
            logger.LogWarning("Rejected {ArticleId} from {FileName} at {Stage}: {Reason}", message.ArticleId, message.FileName, result.Stage, result.Error);
            await context.Publish(new ArticleRejected(message.ArticleId, message.FileName, result.Stage ?? Stages.Normalise,
                result.Error ?? "unknown error", time.GetUtcNow()));
            return;
        }

        logger.LogDebug("Analysed {ArticleId} from {FileName}: {Category} ({Confidence:F2})", message.ArticleId, message.FileName, topic.Category, topic.Confidence);
        var sink = await context.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(new ArticleAnalysed
        {
            ArticleId = message.ArticleId,
            FileName = message.FileName,
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
        });
    }
}
