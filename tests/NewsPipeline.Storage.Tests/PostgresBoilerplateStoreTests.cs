using System.Net;
using System.Net.Sockets;
using NewsPipeline.Core.Normalisation.Boilerplate;

using NewsPipeline.Testing;

namespace NewsPipeline.Storage.Tests;

/// <summary>Learned boilerplate in a real PostgreSQL: survives restarts and is shared by workers on any host.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBoilerplateStoreTests(PostgresServer server) : BoilerplateStoreContract
{
    protected override async Task<Func<int, PersistentBoilerplateStore>> NewDatabaseAsync()
    {
        var database = await server.NewDatabaseAsync();
        return minArticles => new PostgresBoilerplateStore(database, minArticles);
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
