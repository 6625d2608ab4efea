using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Faults;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Sink;

/// <summary>
/// The sink's one consumer of the hop: records the batches' articles (<see cref="ArticleRecorder"/>), logs their
/// rejections, then publishes every public event (with its cursor; again, unchanged, on redelivery) and tells each
/// watcher its files' outcomes in one message. Several worker batches make one store transaction. The store's own
/// trouble propagates (the endpoint retries it while it lasts, see the definition); an article that fails for itself
/// is recorded alone, so only it is rejected.
/// </summary>
public sealed class StoreArticleConsumer(ArticleRecorder recorder, TimeProvider time, ILogger<StoreArticleConsumer> logger) : IConsumer<Batch<ArticlesAnalysed>>
{
    public async Task Consume(ConsumeContext<Batch<ArticlesAnalysed>> context)
    {
        var messages = context.Message.Select(m => m.Message).ToArray();
        var articles = messages.SelectMany(m => m.Articles).ToArray();
        var rejected = messages.SelectMany(m => m.Rejected).ToList();
        IReadOnlyList<RecordedOutcome> outcomes;
        try
        {
            outcomes = await recorder.RecordAsync(articles, context.CancellationToken);
        }
        catch (Exception e) when (!FaultPolicy.IsTransient(e) && e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A batch of {Count} failed to record; recording its articles one by one so only the failing one is rejected", articles.Length);
            outcomes = await RecordOneByOneAsync(articles, rejected, context.CancellationToken);
        }
        var logged = await recorder.LogRejectionsAsync(rejected, context.CancellationToken);
        await OutcomeNotices.PublishAsync(context, messages, outcomes, logged);
    }

    /// <summary>Each article alone (recording is idempotent, so those stored before the failure are only republished).</summary>
    private async Task<IReadOnlyList<RecordedOutcome>> RecordOneByOneAsync(ArticleAnalysed[] articles, List<ArticleRejected> rejected, CancellationToken cancellationToken)
    {
        var outcomes = new List<RecordedOutcome>(articles.Length);
        foreach (var article in articles)
        {
            try
            {
                outcomes.Add((await recorder.RecordAsync([article], cancellationToken))[0]);
            }
            catch (Exception e) when (!FaultPolicy.IsTransient(e) && e is not OperationCanceledException)
            {
                logger.LogError(e, "Rejected {ArticleId} from {FileName} at {Stage}: it cannot be recorded", article.ArticleId, article.FileName, Stages.Sink);
                rejected.Add(new ArticleRejected(article.ArticleId, article.FileName, Stages.Sink, $"{e.GetType().FullName}: {e.Message}", time.GetUtcNow(), article.ClaimId));
            }
        }
        return outcomes;
    }
}

/// <summary>The sink's last step for every outcome: the public events, then one notice per watcher.</summary>
internal static class OutcomeNotices
{
    /// <summary>
    /// Publishes are issued in order on one channel and confirmed together (awaiting each confirm in turn made a batch as
    /// slow as 100 round trips). The watchers hear only after every event is confirmed, so a file in done/ always has
    /// its event. If anything fails, the batch is redelivered and everything is republished unchanged (same MessageIds,
    /// same cursors).
    /// </summary>
    public static async Task PublishAsync(ConsumeContext context, IReadOnlyList<ArticlesAnalysed> messages,
        IReadOnlyList<RecordedOutcome> outcomes, IReadOnlyList<ArticleRejected> rejected)
    {
        // A redelivery can land in the same batch as its first delivery: each event and each file once.
        outcomes = [.. outcomes.DistinctBy(o => o.EventId)];
        rejected = [.. rejected.DistinctBy(EventIds.Of)];
        await Task.WhenAll(outcomes.Select(o => context.Publish(o.Event, publish => publish.MessageId = o.EventId))
            .Concat(rejected.Select(r => context.Publish(r, publish => publish.MessageId = EventIds.Of(r)))));

        // Each file's watcher: the queue of the message that brought it.
        var queueOf = new Dictionary<(string, string, string), string>();
        foreach (var m in messages)
        {
            foreach (var a in m.Articles)
                queueOf[(a.ArticleId, a.FileName, a.ClaimId)] = m.OutcomeQueue;
            foreach (var r in m.Rejected)
                queueOf[(r.ArticleId, r.FileName, r.ClaimId)] = m.OutcomeQueue;
        }
        string QueueOf(string articleId, string fileName, string claimId) =>
            queueOf.GetValueOrDefault((articleId, fileName, claimId)) ?? messages[0].OutcomeQueue;

        var files = outcomes.Select(o => o.Event)
            .ToLookup(e => QueueOf(e.ArticleId, e.FileName, e.ClaimId), e => new RecordedFile(e.ArticleId, e.FileName, e.ClaimId, e.Status, e.Category));
        var failures = rejected.ToLookup(r => QueueOf(r.ArticleId, r.FileName, r.ClaimId));
        var queues = files.Select(g => g.Key).Union(failures.Select(g => g.Key)).Where(q => q.Length > 0);
        await Task.WhenAll(queues.Select(async queue =>
        {
            var endpoint = await context.GetSendEndpoint(new Uri($"queue:{queue}"));
            await endpoint.Send(new FilesRecorded([.. files[queue]], [.. failures[queue]]), context.CancellationToken);
        }));
    }
}
