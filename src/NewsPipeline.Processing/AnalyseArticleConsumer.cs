using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>
/// Runs the analyse step over a batch of announced files in one hop (each broker message costs more than its stages
/// do) and sends what it returns, articles and rejections together, to the sink in one message. Each article is tried
/// on its own: one that throws or runs out of time is tried again (Worker:MaxAttempts) and then rejected alone, so a
/// bad file never fails the batch it came in.
/// </summary>
public sealed class AnalyseArticleConsumer(AnalyseStep step, IOptions<WorkerOptions> options, TimeProvider time, ILogger<AnalyseArticleConsumer> logger)
    : IConsumer<ArticlesReceived>
{
    public async Task Consume(ConsumeContext<ArticlesReceived> context)
    {
        var batch = context.Message;
        var analysed = new List<ArticleAnalysed>(batch.Articles.Count);
        var rejected = new List<ArticleRejected>();
        foreach (var article in batch.Articles)
        {
            var outcome = await AnalyseAsync(article, context.CancellationToken);
            if (outcome.Analysed is { } a)
                analysed.Add(a);
            else
                rejected.Add(outcome.Rejected!);
        }
        var sink = await context.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(new ArticlesAnalysed(batch.OutcomeQueue, analysed, rejected), context.CancellationToken);
    }

    /// <summary>One article's tries, 100 ms, 200 ms, 400 ms … apart: a busy machine may finish it on a later try.</summary>
    private async Task<AnalyseOutcome> AnalyseAsync(ArticleReceived article, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                var outcome = step.Analyse(article);
                if (!outcome.OverBudget)
                    return outcome;
                reason = outcome.Rejected!.Reason;
                if (attempt >= max)
                    return outcome with { Rejected = outcome.Rejected with { Reason = Tries(reason, max) } };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                reason = $"{e.GetType().FullName}: {e.Message}";
                if (attempt >= max)
                {
                    logger.LogError(e, "Rejected {ArticleId} from {FileName} at {Stage} after {Attempts} attempt(s)", article.ArticleId, article.FileName, Stages.Normalise, max);
                    return new AnalyseOutcome(null, new ArticleRejected(article.ArticleId, article.FileName, Stages.Normalise, Tries(reason, max), time.GetUtcNow(), article.ClaimId));
                }
            }
            logger.LogWarning("Analysis of {ArticleId} from {FileName} failed on attempt {Attempt} of {MaxAttempts}, trying again: {Reason}",
                article.ArticleId, article.FileName, attempt, max, reason);
            await Task.Delay(TimeSpan.FromMilliseconds(100 << Math.Min(attempt - 1, 6)), time, cancellationToken);
        }
    }

    private static string Tries(string reason, int max) => $"{reason}, {max} attempt(s) ({WorkerOptions.Section}:{nameof(WorkerOptions.MaxAttempts)})";
}
