namespace NewsPipeline.Processing;

/// <summary>Config section "Worker".</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>
    /// Batches one worker process analyses at once (each batch one article at a time). High by default because each
    /// batch then waits for the broker's confirm of its send; lower it where big HTML pages (each parsed page holds its
    /// DOM) meet little memory.
    /// </summary>
    public int ConcurrentMessages { get; set; } = 32;

    /// <summary>
    /// Tries of one article whose analysis throws or runs out of time (taken out of its batch, then the first try alone
    /// and its retries, 100 ms, 200 ms, 400 ms … apart) before it faults and its file is rejected with the exception as
    /// the reason; the rest of its batch goes on.
    /// </summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// CPU time one article's analysis may take (the analysing thread's own CPU clock, so waiting for a core on a busy
    /// machine does not count) before it is rejected naming this setting. Normal pages take milliseconds and the HTML
    /// pre-scan bounds the worst markup to about a second per MB; the budget stops whatever the bounds miss. Where the
    /// thread's CPU clock cannot be read (not Linux) it is wall-clock time.
    /// </summary>
    public TimeSpan AnalysisBudget { get; set; } = TimeSpan.FromSeconds(5);
}
