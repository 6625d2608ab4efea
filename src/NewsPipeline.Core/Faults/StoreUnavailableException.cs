namespace NewsPipeline.Core.Faults;

/// <summary>
/// Thrown by a store for its own trouble (its dialect decides which errors those are), so that everything above it
/// tells the store's trouble from the article's by one type, whatever the database.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
