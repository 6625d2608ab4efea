using System.Data.Common;
using Microsoft.Data.Sqlite;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage.Tests;

/// <summary>The store's contract on SQLite: a file in a folder of the test's own (the folder is created with it).</summary>
public sealed class SqliteArticleStoreTests : ArticleStoreContract, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("np-store-").FullName;

    private string DatabasePath => Path.Combine(_dir, "sub", "test.db");

    protected override IArticleStore Open() => SqlArticleStore.Sqlite(DatabasePath);

    protected override async Task<DbConnection> ConnectAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        return connection;
    }

    protected override string ListLiteral(params string[] items) => "'" + System.Text.Json.JsonSerializer.Serialize(items) + "'";

    protected override string TodaysSchema => """
        CREATE TABLE IF NOT EXISTS articles (
            seq INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, claim_id TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, byline TEXT, authors TEXT NOT NULL, source TEXT, contributors TEXT NOT NULL, url TEXT, published TEXT, modified TEXT, language TEXT, word_count INTEGER NOT NULL, category TEXT NOT NULL, confidence REAL NOT NULL, runner_up TEXT, runner_up_confidence REAL, duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity REAL, match_method TEXT, match_signal TEXT, received_at TEXT NOT NULL, processed_at TEXT NOT NULL,
            body_hash TEXT NOT NULL, signature BLOB);
        CREATE INDEX IF NOT EXISTS ix_articles_story ON articles(story_id);
        CREATE TABLE IF NOT EXISTS deliveries (
            article_id TEXT NOT NULL, file_name TEXT NOT NULL, claim_id TEXT NOT NULL, status TEXT NOT NULL, duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity REAL, match_method TEXT, match_signal TEXT, received_at TEXT NOT NULL, processed_at TEXT NOT NULL,
            PRIMARY KEY (article_id, file_name, claim_id));
        CREATE TABLE IF NOT EXISTS events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event TEXT NOT NULL, article_id TEXT NOT NULL, file_name TEXT NOT NULL, claim_id TEXT NOT NULL,
            stage TEXT, reason TEXT, rejected_at TEXT,
            UNIQUE (event, article_id, file_name, claim_id));
        """;

    protected override string OlderSchema => """
        CREATE TABLE articles (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, status TEXT NOT NULL,
            title TEXT NOT NULL, body TEXT NOT NULL, byline TEXT, authors TEXT NOT NULL, source TEXT, contributors TEXT NOT NULL,
            url TEXT, published TEXT, word_count INTEGER NOT NULL, category TEXT NOT NULL, confidence REAL NOT NULL,
            runner_up TEXT, runner_up_confidence REAL, duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL,
            similarity REAL, match_method TEXT, body_hash TEXT NOT NULL, signature BLOB, received_at TEXT NOT NULL, processed_at TEXT NOT NULL);
        CREATE INDEX ix_articles_story ON articles(story_id);
        CREATE TABLE deliveries (article_id TEXT NOT NULL, file_name TEXT NOT NULL, status TEXT NOT NULL, duplicate_of TEXT,
            duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity REAL, match_method TEXT, received_at TEXT NOT NULL,
            processed_at TEXT NOT NULL, PRIMARY KEY (article_id, file_name));
        """;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
