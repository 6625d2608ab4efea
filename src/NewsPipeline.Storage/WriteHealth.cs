namespace NewsPipeline.Storage;

/// <summary>
/// Whether the last write failed for the store's own reason (a full disk, a lost connection) with no write succeeding
/// since. A store can answer reads while it cannot be written, and readiness must say so.
/// </summary>
internal sealed class WriteHealth(Func<Exception, bool> isTransient)
{
    private volatile bool _failing;

    public bool Failing => _failing;

    public async Task RunAsync(Func<Task> write)
    {
        try
        {
            await write();
            _failing = false;
        }
        catch (Exception e) when (isTransient(e))
        {
            _failing = true;
            throw;
        }
    }
}
