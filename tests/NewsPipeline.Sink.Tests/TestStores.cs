using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;
using NSubstitute;

namespace NewsPipeline.Sink.Tests;

internal static class TestStores
{
    /// <summary>A substitute store that holds nothing: an empty index to load, nothing found for a batch.</summary>
    public static IArticleStore Empty()
    {
        var store = Substitute.For<IArticleStore>();
        store.ReadDedupEntriesAsync(default, default, default).ReturnsForAnyArgs((IReadOnlyList<SequencedDedupEntry>)[]);
        store.FindManyAsync(default!, default).ReturnsForAnyArgs(new StoredLookup(new Dictionary<DeliveryKey, ArticleProcessed>(), new Dictionary<string, ArticleProcessed>()));
        return store;
    }
}

/// <summary>Waits on a condition, never on a fixed time: the one poll loop of these tests, with a deadline.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(20);
        }
        return true;
    }
}
