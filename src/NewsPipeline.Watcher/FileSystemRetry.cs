using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace NewsPipeline.Watcher;

/// <summary>
/// Retries transient file-system errors (a file briefly locked, an NFS hiccup). A missing file is an answer, not a
/// transient error, so it is not retried. Only file-system calls go through this; never Publish or Send.
/// </summary>
public static class FileSystemRetry
{
    public static ResiliencePipeline Create(TimeProvider time, ILogger logger, int attempts = 4, TimeSpan? delay = null) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(IsTransient),
                MaxRetryAttempts = attempts,
                Delay = delay ?? TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "File-system operation failed, retry {Attempt} in {RetryDelay}", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    public static bool IsTransient(IOException e) => e is not (FileNotFoundException or DirectoryNotFoundException or EndOfStreamException or PathTooLongException);
}
