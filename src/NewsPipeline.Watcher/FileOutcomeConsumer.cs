using MassTransit;
using Microsoft.Extensions.Logging;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Watcher;

/// <summary>Every final outcome moves its file out of the processing folder: processed or duplicate → done/, rejected → failed/.</summary>
public sealed class FileOutcomeConsumer(FileOutcomes outcomes, ILogger<FileOutcomeConsumer> logger)
    : IConsumer<ArticleProcessed>, IConsumer<ArticleRejected>
{
    public async Task Consume(ConsumeContext<ArticleProcessed> context)
    {
        var message = context.Message;
        using var scope = Scope(message.ArticleId, message.FileName);
        await outcomes.MoveToDoneAsync(message.ArticleId, message.FileName, context.CancellationToken, message.ClaimId);
    }

    public async Task Consume(ConsumeContext<ArticleRejected> context)
    {
        var message = context.Message;
        using var scope = Scope(message.ArticleId, message.FileName);
        await outcomes.MoveToFailedAsync(message, context.CancellationToken);
    }

    private IDisposable? Scope(string articleId, string fileName) =>
        logger.BeginScope(new Dictionary<string, object> { ["ArticleId"] = articleId, ["FileName"] = fileName });
}
