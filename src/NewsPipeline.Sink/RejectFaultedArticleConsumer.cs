using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Sink;

/// <summary>
/// An analysed article that still fails to record after its retries goes to the sink's _error queue; this turns the
/// fault into a rejection so that its file leaves processing/ for failed/ with the reason, instead of waiting forever.
/// </summary>
public sealed class RejectFaultedArticleConsumer(TimeProvider time, ILogger<RejectFaultedArticleConsumer> logger) : IConsumer<Fault<ArticleAnalysed>>
{
    /// <summary>A fault reports exception type names only; these are the stores' and the system's own.</summary>
    private static bool IsStoreTrouble(ExceptionInfo e) =>
        e.ExceptionType.StartsWith("Npgsql.", StringComparison.Ordinal) || e.ExceptionType.StartsWith("Microsoft.Data.Sqlite.", StringComparison.Ordinal)
        || e.ExceptionType is "System.IO.IOException" or "System.TimeoutException" or "System.Net.Sockets.SocketException";

    public async Task Consume(ConsumeContext<Fault<ArticleAnalysed>> context)
    {
        var (article, exceptions) = (context.Message.Message, context.Message.Exceptions);
        if (exceptions.Length > 0 && IsStoreTrouble(exceptions[0]))
        {
            // The store stayed down past the retries: the message waits in the _error queue to be moved back, and its
            // file in processing/; infrastructure trouble is never an article's final outcome.
            logger.LogError("Article {ArticleId} from {FileName} could not be stored for hours ({Reason}); left in the error queue, not rejected",
                article.ArticleId, article.FileName, exceptions[0].Message);
            return;
        }
        var reason = exceptions.Length == 0 ? "recording failed" : $"{exceptions[0].ExceptionType}: {exceptions[0].Message}";
        logger.LogError("Article {ArticleId} from {FileName} failed at {Stage} after retries: {Reason}", article.ArticleId, article.FileName, Stages.Sink, reason);
        var rejected = new ArticleRejected(article.ArticleId, article.FileName, Stages.Sink, reason, time.GetUtcNow(), article.ClaimId);
        await context.Publish(rejected, publish => publish.MessageId = EventIds.Of(rejected));
    }
}
