using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Faults;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Sink;

/// <summary>
/// A hop batch that still fails to record after its retries goes to the sink's _error queue; this turns the fault into
/// rejections of its articles so that their files leave processing/ for failed/ with the reason, instead of waiting
/// forever. Its rejections (logged before) are published as they are.
/// </summary>
public sealed class RejectFaultedArticleConsumer(ArticleRecorder recorder, TimeProvider time, ILogger<RejectFaultedArticleConsumer> logger) : IConsumer<Fault<ArticlesAnalysed>>
{
    public async Task Consume(ConsumeContext<Fault<ArticlesAnalysed>> context)
    {
        var (batch, exceptions) = (context.Message.Message, context.Message.Exceptions);
        if (FaultPolicy.KindOf(exceptions, e => e.ExceptionType, e => e.InnerException) == FaultKind.Transient)
        {
            // The store stayed down past the retries: the message waits in the _error queue to be moved back, and its
            // files in processing/; infrastructure trouble is never an article's final outcome.
            logger.LogError("A batch of {Count} articles could not be stored for hours ({Reason}); left in the error queue, not rejected",
                batch.Articles.Count + batch.Rejected.Count, exceptions[0].Message);
            return;
        }
        var reason = exceptions.Length == 0 ? "recording failed" : $"{exceptions[0].ExceptionType}: {exceptions[0].Message}";
        var rejected = batch.Rejected.Concat(batch.Articles.Select(article =>
        {
            logger.LogError("Article {ArticleId} from {FileName} failed at {Stage} after retries: {Reason}", article.ArticleId, article.FileName, Stages.Sink, reason);
            return new ArticleRejected(article.ArticleId, article.FileName, Stages.Sink, reason, time.GetUtcNow(), article.ClaimId);
        })).ToList();
        var logged = await recorder.LogRejectionsAsync(rejected, context.CancellationToken);
        await OutcomeNotices.PublishAsync(context, [batch], [], logged);
    }
}
