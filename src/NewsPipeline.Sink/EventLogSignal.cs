namespace NewsPipeline.Sink;

/// <summary>
/// Wakes the event streams of this process when the sink has appended to the store's event log, so a subscriber gets
/// an event as soon as it is committed instead of at its next poll. Only a hint: the streams also poll, so a writer in
/// another process (a second sink) is seen too.
/// </summary>
public sealed class EventLogSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns at the next pulse, after <paramref name="poll"/> at the latest, or when cancelled.</summary>
    public async Task WaitAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _next).Task.WaitAsync(poll, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The poll: look at the log anyway.
        }
    }
}
