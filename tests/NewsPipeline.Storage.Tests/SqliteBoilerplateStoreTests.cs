using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage.Tests;

public sealed class SqliteBoilerplateStoreTests : BoilerplateStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("np-boilerplate-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, true);
    }

    protected override Task<Func<int, PersistentBoilerplateStore>> NewDatabaseAsync()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        return Task.FromResult<Func<int, PersistentBoilerplateStore>>(minArticles => new SqliteBoilerplateStore(path, minArticles));
    }

    [Fact]
    public void DatabaseUnusable_LearningWaitsAndLookupsStillAnswer()
    {
        var path = Path.Combine(_folder, "broken.db");
        File.WriteAllText(path, "this is not a SQLite database, and the store must not fail articles because of it");
        var line = BoilerplateLines.Hash("Click here to read the rest of our coverage online.");
        using var store = new SqliteBoilerplateStore(path, 2);

        store.Observe(new BoilerplateObservation(1, [line]));
        store.Observe(new BoilerplateObservation(2, [line]));
        store.Flush();

        Assert.True(store.IsBoilerplate(line));
    }

    [Fact]
    public void Reopen_DatabaseFromBeforeTheKnownTable_LinesAlreadyOverTheThresholdAreKnown()
    {
        var path = Path.Combine(_folder, "old.db");
        var line = BoilerplateLines.Hash("Follow us on social media for the latest headlines today.");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE boilerplate_line (line_hash INTEGER NOT NULL, article_signature INTEGER NOT NULL,
                    PRIMARY KEY (line_hash, article_signature)) WITHOUT ROWID;
                INSERT INTO boilerplate_line VALUES ({unchecked((long)line)}, 1), ({unchecked((long)line)}, 2), ({unchecked((long)line)}, 3);
                """;
            command.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var store = new SqliteBoilerplateStore(path, 3);

        Assert.True(store.IsBoilerplate(line));
    }

    [Fact]
    public void Observe_LineAlreadyKnown_GetsNoMoreRows()
    {
        var path = Path.Combine(_folder, "bounded.db");
        var line = BoilerplateLines.Hash("Sign up for our morning briefing delivered to your inbox.");
        using (var store = new SqliteBoilerplateStore(path, 3))
        {
            for (ulong article = 1; article <= 3; article++)
                store.Observe(new BoilerplateObservation(article, [line]));
            store.Flush();
            for (ulong article = 4; article <= 10; article++)
                store.Observe(new BoilerplateObservation(article, [line]));
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM boilerplate_line";
        Assert.Equal(3L, (long)command.ExecuteScalar()!);
    }
}
