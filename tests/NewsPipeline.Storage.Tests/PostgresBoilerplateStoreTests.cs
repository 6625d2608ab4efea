using System.Net;
using System.Net.Sockets;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage.Tests;

/// <summary>Learned boilerplate in a real PostgreSQL: survives restarts and is shared by workers on any host.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBoilerplateStoreTests(PostgresServer server)
{
    [Fact]
    public async Task Observe_ThenReopen_KnowledgeSurvivesRestart()
    {
        var database = await server.NewDatabaseAsync();
        var line = BoilerplateLines.Hash("Subscribe to our newsletter for the latest company news.");
        var other = BoilerplateLines.Hash("A line seen in one article only.");
        using (var store = new PostgresBoilerplateStore(database, 3))
        {
            for (ulong article = 1; article <= 3; article++)
                store.Observe(new BoilerplateObservation(article, [line, article == 1 ? other : line]));
            Assert.True(store.IsBoilerplate(line));
        }

        using var reopened = new PostgresBoilerplateStore(database, 3);

        Assert.True(reopened.IsBoilerplate(line));
        Assert.False(reopened.IsBoilerplate(other));
    }

    [Fact]
    public async Task Flush_TwoWorkersOneDatabase_EachSeesTheOthersLearning()
    {
        var database = await server.NewDatabaseAsync();
        var line = BoilerplateLines.Hash("Example Corp is headquartered in Zurich and employs 1,300 people.");
        using var first = new PostgresBoilerplateStore(database, 3);
        using var second = new PostgresBoilerplateStore(database, 3);

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
        var database = await server.NewDatabaseAsync();
        var line = BoilerplateLines.Hash("Share this article on your favourite network today.");
        using (var store = new PostgresBoilerplateStore(database, 2))
        {
            store.Observe(new BoilerplateObservation(7, [line]));
            store.Observe(new BoilerplateObservation(7, [line, line]));
        }

        using var reopened = new PostgresBoilerplateStore(database, 2);

        Assert.False(reopened.IsBoilerplate(line));
    }

    [Fact]
    public void DatabaseUnreachable_LearningWaitsAndArticlesStillNormalise()
    {
        var line = BoilerplateLines.Hash("Click here to read the rest of our coverage online.");
        using var store = new PostgresBoilerplateStore($"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=x;Timeout=2", 2);

        store.Observe(new BoilerplateObservation(1, [line]));
        store.Observe(new BoilerplateObservation(2, [line]));
        store.Flush();

        Assert.True(store.IsBoilerplate(line)); // what this worker learned still counts
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
