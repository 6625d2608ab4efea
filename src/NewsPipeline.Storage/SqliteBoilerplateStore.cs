using Microsoft.Data.Sqlite;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage;

/// <summary>
/// Learned boilerplate persisted in SQLite, shared by every worker that opens the same file and kept across restarts.
/// One row per (line, article signature); a line is boilerplate once it has rows for enough different articles.
/// Lookups never touch the database: an in-memory set (<see cref="InMemoryBoilerplateStore"/>) answers, loaded at start
/// and refreshed from the file every <see cref="RefreshEvery"/> so other workers' learning arrives. Observations are
/// buffered and written in one transaction per batch, off the per-line path.
/// </summary>
public sealed class SqliteBoilerplateStore : IBoilerplateStore, IDisposable
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    private const int FlushAfterArticles = 64;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS boilerplate_line (
            line_hash INTEGER NOT NULL,
            article_signature INTEGER NOT NULL,
            PRIMARY KEY (line_hash, article_signature)
        ) WITHOUT ROWID;
        """;

    private readonly string connectionString;
    private readonly int minArticles;
    private readonly TimeProvider time;
    private readonly InMemoryBoilerplateStore cache;
    private readonly List<BoilerplateObservation> pending = [];
    private readonly Lock gate = new();
    private DateTimeOffset lastSync;

    public SqliteBoilerplateStore(string path, int minArticles = BoilerplateLines.DefaultMinArticles, TimeProvider? time = null)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        this.minArticles = minArticles;
        this.time = time ?? TimeProvider.System;
        cache = new InMemoryBoilerplateStore(minArticles);
        using var connection = Open();
        Execute(connection, null, Schema);
        LoadKnown(connection);
        lastSync = this.time.GetUtcNow();
    }

    public bool IsBoilerplate(ulong lineHash) => cache.IsBoilerplate(lineHash);

    public void Observe(BoilerplateObservation observation)
    {
        cache.Observe(observation);
        lock (gate)
        {
            pending.Add(observation);
            if (pending.Count < FlushAfterArticles && time.GetUtcNow() - lastSync < RefreshEvery) return;
            Sync();
        }
    }

    /// <summary>Writes buffered observations and reloads what every worker has learned.</summary>
    public void Flush()
    {
        lock (gate) Sync();
    }

    public void Dispose() => Flush();

    private void Sync()
    {
        using var connection = Open();
        if (pending.Count > 0)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO boilerplate_line (line_hash, article_signature) VALUES ($line, $article)";
            var line = insert.Parameters.Add("$line", SqliteType.Integer);
            var article = insert.Parameters.Add("$article", SqliteType.Integer);
            foreach (var observation in pending)
                foreach (var hash in observation.LineHashes.Distinct())
                {
                    line.Value = unchecked((long)hash);
                    article.Value = unchecked((long)observation.ArticleSignature);
                    insert.ExecuteNonQuery();
                }
            transaction.Commit();
            pending.Clear();
        }
        LoadKnown(connection);
        lastSync = time.GetUtcNow();
    }

    private void LoadKnown(SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT line_hash FROM boilerplate_line GROUP BY line_hash HAVING COUNT(*) >= $min";
        query.Parameters.AddWithValue("$min", minArticles);
        using var reader = query.ExecuteReader();
        var known = new List<ulong>();
        while (reader.Read())
            known.Add(unchecked((ulong)reader.GetInt64(0)));
        cache.AddKnown(known);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
