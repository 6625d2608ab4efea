using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage;

/// <summary>Learned boilerplate in SQLite (the embedded default): every worker that opens the same file shares it.</summary>
public sealed class SqliteBoilerplateStore : PersistentBoilerplateStore
{
    private readonly string _connectionString;

    public SqliteBoilerplateStore(string path, int minArticles = BoilerplateLines.DefaultMinArticles, TimeProvider? time = null, ILogger? logger = null)
        : base(minArticles, time, logger)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        Start();
    }

    protected override bool IsDatabaseError(Exception e) => e is SqliteException;

    protected override void CreateSchema()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS boilerplate_line (
                line_hash INTEGER NOT NULL,
                article_signature INTEGER NOT NULL,
                PRIMARY KEY (line_hash, article_signature)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS boilerplate_known (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                line_hash INTEGER NOT NULL UNIQUE);
            INSERT OR IGNORE INTO boilerplate_known (line_hash)
                SELECT line_hash FROM boilerplate_line
                WHERE NOT EXISTS (SELECT 1 FROM boilerplate_known)
                GROUP BY line_hash HAVING COUNT(*) >= $min;
            """;
        command.Parameters.AddWithValue("$min", MinArticles);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Two statements per flush, whatever its size: the rows travel as one JSON array (json_each), so a flush of
    /// 64 articles' lines costs two statements instead of two per line.
    /// </summary>
    protected override void Write(IReadOnlyList<(long Line, long Article)> rows)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO boilerplate_line (line_hash, article_signature)
            SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($rows)
            """;
        insert.Parameters.AddWithValue("$rows", JsonSerializer.Serialize(rows.Select(r => new[] { r.Line, r.Article })));
        insert.ExecuteNonQuery();

        // The primary key's prefix makes each count a short index range, not a scan.
        using var promote = connection.CreateCommand();
        promote.Transaction = transaction;
        promote.CommandText = """
            INSERT OR IGNORE INTO boilerplate_known (line_hash)
            SELECT l.line_hash FROM boilerplate_line l
            WHERE l.line_hash IN (SELECT value FROM json_each($lines))
            GROUP BY l.line_hash HAVING COUNT(*) >= $min
            """;
        promote.Parameters.AddWithValue("$lines", JsonSerializer.Serialize(rows.Select(r => r.Line).Distinct()));
        promote.Parameters.AddWithValue("$min", MinArticles);
        promote.ExecuteNonQuery();
        transaction.Commit();
    }

    protected override IReadOnlyList<(long Seq, ulong Line)> LoadKnownSince(long afterSeq)
    {
        using var connection = Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT seq, line_hash FROM boilerplate_known WHERE seq > $after";
        query.Parameters.AddWithValue("$after", afterSeq);
        using var reader = query.ExecuteReader();
        var known = new List<(long, ulong)>();
        while (reader.Read())
            known.Add((reader.GetInt64(0), unchecked((ulong)reader.GetInt64(1))));
        return known;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
