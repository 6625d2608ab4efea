using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Faults;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>
/// A message that still fails after its retries (an article alone whose analysis keeps failing, or a batch whose send
/// to the sink does) goes to the worker's _error queue; this turns the fault into rejections, sent to the sink like any
/// other, so that its files leave processing/ for failed/ with the reason instead of waiting forever.
/// </summary>
public sealed class FaultRejectionConsumer(TimeProvider time, IOptions<WorkerOptions> options, ILogger<FaultRejectionConsumer> logger) : IConsumer<Fault<ArticlesReceived>>
{
    public async Task Consume(ConsumeContext<Fault<ArticlesReceived>> context)
    {
        var (batch, exceptions) = (context.Message.Message, context.Message.Exceptions);
        if (FaultPolicy.KindOf(exceptions, e => e.ExceptionType, e => e.InnerException) == FaultKind.Transient)
        {
            // Infrastructure trouble is never an article's final outcome: the message waits in the _error queue.
            logger.LogError("A batch of {Count} files kept failing on infrastructure trouble ({Reason}); left in the error queue, not rejected", batch.Articles.Count, exceptions[0].Message);
            return;
        }
        var reason = (exceptions.Length == 0 ? "processing failed" : $"{exceptions[0].ExceptionType}: {exceptions[0].Message}")
            + $", {options.Value.MaxAttempts} attempt(s) (Worker:MaxAttempts)";
        var rejected = batch.Articles.Select(file =>
        {
            logger.LogError("Article {ArticleId} from {FileName} failed at {Stage} after retries: {Reason}", file.ArticleId, file.FileName, Stages.Normalise, reason);
            return new ArticleRejected(file.ArticleId, file.FileName, Stages.Normalise, reason, time.GetUtcNow(), file.ClaimId);
        }).ToList();
        var sink = await context.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(new ArticlesAnalysed(batch.OutcomeQueue, [], rejected), context.CancellationToken);
    }
}
