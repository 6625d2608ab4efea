using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Processing;

/// <summary>
/// Runs the analyse step over a batch of announced files in one hop (each broker message costs more than its stages
/// do) and sends what it returns, articles and rejections together, to the sink in one message. An article that throws
/// or runs out of time is taken out of its batch and sent back to the worker queue alone, where it fails as a message
/// of its own: tried again (Worker:MaxAttempts), then faulted into the _error queue (replayable) and rejected. So a bad
/// file never fails its batch-mates, and a lone file fails exactly as before batching.
/// </summary>
public sealed class AnalyseArticleConsumer(AnalyseStep step, ILogger<AnalyseArticleConsumer> logger) : IConsumer<ArticlesReceived>
{
    public async Task Consume(ConsumeContext<ArticlesReceived> context)
    {
        var batch = context.Message;
        var alone = batch.Articles.Count == 1;
        var analysed = new List<ArticleAnalysed>(batch.Articles.Count);
        var rejected = new List<ArticleRejected>();
        var isolated = new List<ArticleReceived>();
        foreach (var article in batch.Articles)
        {
            AnalyseOutcome outcome;
            try
            {
                outcome = step.Analyse(article);
            }
            catch (Exception e) when (!alone && e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Analysis of {ArticleId} from {FileName} failed; trying it again on its own", article.ArticleId, article.FileName);
                isolated.Add(article);
                continue;
            }
            if (outcome is { OverBudget: true, Rejected: { } late })
            {
                // Out of time: on its own it is thrown, so the endpoint tries again before the fault rejects the file.
                if (alone)
                    throw new AnalysisBudgetExceededException(late.Reason);
                isolated.Add(article);
            }
            else if (outcome.Analysed is { } a)
                analysed.Add(a);
            else
                rejected.Add(outcome.Rejected!);
        }
        if (isolated.Count > 0)
        {
            var worker = await context.GetSendEndpoint(Endpoints.WorkerQueue);
            await Task.WhenAll(isolated.Select(a => worker.Send(new ArticlesReceived(batch.OutcomeQueue, [a]), context.CancellationToken)));
        }
        if (analysed.Count + rejected.Count == 0)
            return;
        var sink = await context.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(new ArticlesAnalysed(batch.OutcomeQueue, analysed, rejected), context.CancellationToken);
    }
}
