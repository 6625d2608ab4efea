using NewsPipeline.Core.Normalisation.Boilerplate;
using NewsPipeline.Storage;

namespace NewsPipeline.Storage.Tests;

public sealed class SqliteBoilerplateStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("np-boilerplate-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public void Observe_ThenReopen_KnowledgeSurvivesRestart()
    {
        var path = Path.Combine(folder, "store.db");
        var line = BoilerplateLines.Hash("Subscribe to our newsletter for the latest company news.");
        using (var store = new SqliteBoilerplateStore(path, 3))
        {
            for (ulong article = 1; article <= 3; article++)
                store.Observe(new BoilerplateObservation(article, [line]));
            Assert.True(store.IsBoilerplate(line));
        }

        using var reopened = new SqliteBoilerplateStore(path, 3);

        Assert.True(reopened.IsBoilerplate(line));
    }

    [Fact]
    public void Flush_TwoWorkersOneFile_EachSeesTheOthersLearning()
    {
        var path = Path.Combine(folder, "shared.db");
        var line = BoilerplateLines.Hash("Example Corp is headquartered in Zurich and employs 1,300 people.");
        using var first = new SqliteBoilerplateStore(path, 3);
        using var second = new SqliteBoilerplateStore(path, 3);

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
    public void DatabaseUnusable_LearningWaitsAndLookupsStillAnswer()
    {
        var path = Path.Combine(folder, "broken.db");
        File.WriteAllText(path, "this is not a SQLite database, and the store must not fail articles because of it");
        var line = BoilerplateLines.Hash("Click here to read the rest of our coverage online.");
        using var store = new SqliteBoilerplateStore(path, 2);

        store.Observe(new BoilerplateObservation(1, [line]));
        store.Observe(new BoilerplateObservation(2, [line]));
        store.Flush();

        Assert.True(store.IsBoilerplate(line));
    }
}
