using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>
/// A file whose analysis still fails after its retries goes to the worker's _error queue; this turns the fault into a
/// rejection so that its file leaves processing/ for failed/ with the reason, instead of waiting there forever.
/// </summary>
public sealed class FaultRejectionConsumer(TimeProvider time, IOptions<WorkerOptions> options, ILogger<FaultRejectionConsumer> logger) : IConsumer<Fault<ArticleReceived>>
{
    public async Task Consume(ConsumeContext<Fault<ArticleReceived>> context)
    {
        var (file, exceptions) = (context.Message.Message, context.Message.Exceptions);
        var reason = (exceptions.Length == 0 ? "processing failed" : $"{exceptions[0].ExceptionType}: {exceptions[0].Message}")
            + $", {options.Value.MaxAttempts} attempt(s) (Worker:MaxAttempts)";
        logger.LogError("Article {ArticleId} from {FileName} failed at {Stage} after retries: {Reason}", file.ArticleId, file.FileName, Stages.Normalise, reason);
        var rejected = new ArticleRejected(file.ArticleId, file.FileName, Stages.Normalise, reason, time.GetUtcNow(), file.ClaimId);
        await context.Publish(rejected, publish => publish.MessageId = EventIds.Of(rejected));
    }
}
