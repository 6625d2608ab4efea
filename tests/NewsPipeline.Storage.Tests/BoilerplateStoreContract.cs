using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage.Tests;

/// <summary>What every persistent boilerplate store guarantees; each database runs these against a real server or file.</summary>
public abstract class BoilerplateStoreContract
{
    /// <summary>A fresh, empty database: each call of the returned opener is another worker (or a restart) on it.</summary>
    protected abstract Task<Func<int, PersistentBoilerplateStore>> NewDatabaseAsync();

    [Fact]
    public async Task Observe_ThenReopen_KnowledgeSurvivesRestart()
    {
        var open = await NewDatabaseAsync();
        var line = BoilerplateLines.Hash("Subscribe to our newsletter for the latest company news.");
        var other = BoilerplateLines.Hash("A line seen in one article only.");
        using (var store = open(3))
        {
            for (ulong article = 1; article <= 3; article++)
                store.Observe(new BoilerplateObservation(article, [line, article == 1 ? other : line]));
            Assert.True(store.IsBoilerplate(line));
        }

        using var reopened = open(3);

        Assert.True(reopened.IsBoilerplate(line));
        Assert.False(reopened.IsBoilerplate(other));
    }

    [Fact]
    public async Task Flush_TwoWorkersOneDatabase_EachSeesTheOthersLearning()
    {
        var open = await NewDatabaseAsync();
        var line = BoilerplateLines.Hash("Example Corp is headquartered in Zurich and employs 1,300 people.");
        using var first = open(3);
        using var second = open(3);

        first.Observe(new BoilerplateObservation(1, [line]));
        first.Observe(new BoilerplateObservation(2, [line]));
        first.Flush();
        second.Observe(new BoilerplateObservation(3, [line]));
        second.Flush();
        first.Flush();

        Assert.True(second.IsBoilerplate(line));
        Assert.True(first.IsBoilerplate(line));
    }

    [Fact]
    public async Task Observe_SameArticleTwice_CountsOnce()
    {
        var open = await NewDatabaseAsync();
        var line = BoilerplateLines.Hash("Share this article on your favourite network today.");
        using (var store = open(2))
        {
            store.Observe(new BoilerplateObservation(7, [line]));
            store.Observe(new BoilerplateObservation(7, [line, line]));
        }

        using var reopened = open(2);

        Assert.False(reopened.IsBoilerplate(line));
    }
}
