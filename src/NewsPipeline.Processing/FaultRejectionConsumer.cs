using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>
/// A message that still fails after its retries goes to its _error queue; this turns the fault into a rejection
/// so that its file leaves processing/ for failed/ with the reason, instead of waiting there forever.
/// </summary>
public sealed class FaultRejectionConsumer(TimeProvider time, ILogger<FaultRejectionConsumer> logger)
    : IConsumer<Fault<ArticleReceived>>, IConsumer<Fault<ArticleAnalysed>>
{
    public Task Consume(ConsumeContext<Fault<ArticleReceived>> context) =>
        Reject(context, context.Message.Message.ArticleId, context.Message.Message.FileName, Stages.Normalise, context.Message.Exceptions);

    public Task Consume(ConsumeContext<Fault<ArticleAnalysed>> context) =>
        Reject(context, context.Message.Message.ArticleId, context.Message.Message.FileName, Stages.Sink, context.Message.Exceptions);

    private async Task Reject(ConsumeContext context, string articleId, string fileName, string stage, ExceptionInfo[] exceptions)
    {
        var reason = exceptions.Length == 0 ? "processing failed" : $"{exceptions[0].ExceptionType}: {exceptions[0].Message}";
        logger.LogError("Article {ArticleId} from {FileName} failed at {Stage} after retries: {Reason}", articleId, fileName, stage, reason);
        await context.Publish(new ArticleRejected(articleId, fileName, stage, reason, time.GetUtcNow()));
    }
}
