using System.Data.Common;
using NewsPipeline.Core.Ports;
using NewsPipeline.Testing;
using Npgsql;

namespace NewsPipeline.Storage.Tests;

/// <summary>The store's contract on PostgreSQL: a database of the test's own on the shared throw-away server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresArticleStoreTests(PostgresServer server) : ArticleStoreContract, IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await server.NewDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override IArticleStore Open() => SqlArticleStore.Postgres(_connectionString);

    protected override async Task<DbConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override string ListLiteral(params string[] items) => "ARRAY[" + string.Join(", ", items.Select(i => $"'{i}'")) + "]::TEXT[]";

    protected override string TodaysSchema => """
        CREATE TABLE IF NOT EXISTS articles (
            seq BIGSERIAL PRIMARY KEY,
            article_id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, claim_id TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, byline TEXT, authors TEXT[] NOT NULL, source TEXT, contributors TEXT[] NOT NULL, url TEXT, published TIMESTAMPTZ, modified TIMESTAMPTZ, language TEXT, word_count INTEGER NOT NULL, category TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, runner_up TEXT, runner_up_confidence DOUBLE PRECISION, duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity DOUBLE PRECISION, match_method TEXT, match_signal TEXT, received_at TIMESTAMPTZ NOT NULL, processed_at TIMESTAMPTZ NOT NULL,
            body_hash TEXT NOT NULL, signature BYTEA);
        CREATE INDEX IF NOT EXISTS ix_articles_story ON articles(story_id);
        CREATE TABLE IF NOT EXISTS deliveries (
            article_id TEXT NOT NULL, file_name TEXT NOT NULL, claim_id TEXT NOT NULL, status TEXT NOT NULL, duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity DOUBLE PRECISION, match_method TEXT, match_signal TEXT, received_at TIMESTAMPTZ NOT NULL, processed_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (article_id, file_name, claim_id));
        CREATE TABLE IF NOT EXISTS events (
            seq BIGSERIAL PRIMARY KEY,
            event TEXT NOT NULL, article_id TEXT NOT NULL, file_name TEXT NOT NULL, claim_id TEXT NOT NULL,
            stage TEXT, reason TEXT, rejected_at TIMESTAMPTZ,
            UNIQUE (event, article_id, file_name, claim_id));
        """;

    protected override string OlderSchema => """
        CREATE TABLE articles (seq BIGSERIAL PRIMARY KEY, article_id TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, status TEXT NOT NULL,
            title TEXT NOT NULL, body TEXT NOT NULL, byline TEXT, authors TEXT[] NOT NULL, source TEXT, contributors TEXT[] NOT NULL,
            url TEXT, published TIMESTAMPTZ, word_count INTEGER NOT NULL, category TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL,
            runner_up TEXT, runner_up_confidence DOUBLE PRECISION, duplicate_of TEXT, duplicate_of_file_name TEXT, story_id TEXT NOT NULL,
            similarity DOUBLE PRECISION, match_method TEXT, body_hash TEXT NOT NULL, signature BYTEA, received_at TIMESTAMPTZ NOT NULL,
            processed_at TIMESTAMPTZ NOT NULL);
        CREATE INDEX ix_articles_story ON articles(story_id);
        CREATE TABLE deliveries (article_id TEXT NOT NULL, file_name TEXT NOT NULL, status TEXT NOT NULL, duplicate_of TEXT,
            duplicate_of_file_name TEXT, story_id TEXT NOT NULL, similarity DOUBLE PRECISION, match_method TEXT,
            received_at TIMESTAMPTZ NOT NULL, processed_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (article_id, file_name));
        """;

    [Fact]
    public async Task IsHealthyAsync_NoServerThere_ReturnsFalse()
    {
        await using var store = SqlArticleStore.Postgres("Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=2");

        Assert.False(await store.IsHealthyAsync(default));
    }
}
