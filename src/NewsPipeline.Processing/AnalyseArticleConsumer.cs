using MassTransit;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Processing;

/// <summary>Runs the analyse step in one hop (each broker message costs more than its stages do) and passes on what it returns.</summary>
public sealed class AnalyseArticleConsumer(AnalyseStep step) : IConsumer<ArticleReceived>
{
    public async Task Consume(ConsumeContext<ArticleReceived> context)
    {
        var outcome = step.Analyse(context.Message);
        // Out of time: thrown, so the endpoint tries again (Worker:MaxAttempts) before the fault rejects the file.
        if (outcome is { OverBudget: true, Rejected: { } late })
            throw new AnalysisBudgetExceededException(late.Reason);
        if (outcome.Rejected is { } rejected)
        {
            await context.Publish(rejected, publish => publish.MessageId = EventIds.Of(rejected));
            return;
        }
        var sink = await context.GetSendEndpoint(Endpoints.SinkQueue);
        await sink.Send(outcome.Analysed!);
    }
}
