namespace NewsPipeline.Storage;

/// <summary>
/// Whether the last write failed for the store's own reason (a full disk, a lost connection) with no write succeeding
/// since. A store can answer reads while it cannot be written, and readiness must say so.
/// </summary>
internal sealed class WriteHealth(Func<Exception, bool> isTransient)
{
    private volatile bool _failing;

    public bool Failing => _failing;

    public async Task<T> RunAsync<T>(Func<Task<T>> write)
    {
        try
        {
            var result = await write();
            _failing = false;
            return result;
        }
        catch (Exception e) when (isTransient(e))
        {
            _failing = true;
            throw;
        }
    }
}
