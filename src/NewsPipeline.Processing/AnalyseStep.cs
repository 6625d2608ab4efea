using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

/// <summary>What the analyse step made of one file: the article for the record step, or its rejection.</summary>
/// <param name="OverBudget">The rejection is for running out of time: a busy machine may do better on another try.</param>
public sealed record AnalyseOutcome(ArticleAnalysed? Analysed, ArticleRejected? Rejected, bool OverBudget = false);

/// <summary>
/// The analyse step: normalise → fingerprint → classify (<see cref="ArticleAnalyser"/>) and the one mapping of its
/// result onto the hop to the record step. The worker consumer and `process` both analyse through here. Each article
/// gets <see cref="WorkerOptions.AnalysisBudget"/> of its thread's CPU time (<see cref="CpuTimeBudget"/>): a token
/// cancelled when it is spent, however long the thread waits for a core on a loaded machine.
/// </summary>
public sealed class AnalyseStep(ArticleAnalyser analyser, TimeProvider time, ILogger<AnalyseStep> logger, IOptions<WorkerOptions> options,
    ProcessingMetrics metrics) : IDisposable
{
    private readonly TimeSpan _budget = options.Value.AnalysisBudget;
    private readonly CpuTimeBudget _cpu = new(options.Value.AnalysisBudget, time);

    public AnalyseOutcome Analyse(ArticleReceived message)
    {
        AnalysisResult result;
        using (var lease = _cpu.Start())
            result = analyser.Analyse(message.FileName, message.Content, lease.Token);
        metrics.Record(message.FileName, result);
        if (result is not { Article: { } article, Fingerprint: { } fingerprint, Topic: { } topic })
        {
            var stage = result.Stage ?? Stages.Normalise;
            var reason = result.Error ?? "unknown error";
            // Core knows a budget ran out; the setting that sets it is named here, where it is read.
            var overBudget = result.OverBudget;
            if (overBudget)
                reason = string.Create(CultureInfo.InvariantCulture,
                    $"analysis exceeded its {_budget.TotalSeconds:0.###} s budget ({WorkerOptions.Section}:{nameof(WorkerOptions.AnalysisBudget)})");
            logger.LogWarning("Rejected {ArticleId} from {FileName} at {Stage}: {Reason}", message.ArticleId, message.FileName, stage, reason);
            return new AnalyseOutcome(null, new ArticleRejected(message.ArticleId, message.FileName, stage, reason, time.GetUtcNow(), message.ClaimId), overBudget);
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
            Modified = article.Modified,
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

    public void Dispose() => _cpu.Dispose();
}
