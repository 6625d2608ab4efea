using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Normalisation.Boilerplate;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Storage;

/// <summary>Learned boilerplate in PostgreSQL (the scaled-out shape): workers on every host share what they learn.</summary>
public sealed class PostgresBoilerplateStore : PersistentBoilerplateStore
{
    private const long LateCommitWindow = 10_000;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresBoilerplateStore(string connectionString, int minArticles = BoilerplateLines.DefaultMinArticles, TimeProvider? time = null, ILogger? logger = null)
        : base(minArticles, time, logger)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        Start();
    }

    protected override bool IsDatabaseError(Exception e) => e is NpgsqlException or SocketException or TimeoutException;

    protected override void CreateSchema()
    {
        using var command = _dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS boilerplate_line (
                line_hash BIGINT NOT NULL,
                article_signature BIGINT NOT NULL,
                PRIMARY KEY (line_hash, article_signature));
            CREATE TABLE IF NOT EXISTS boilerplate_known (
                seq BIGSERIAL PRIMARY KEY,
                line_hash BIGINT NOT NULL UNIQUE);
            INSERT INTO boilerplate_known (line_hash)
                SELECT line_hash FROM boilerplate_line
                WHERE NOT EXISTS (SELECT 1 FROM boilerplate_known)
                GROUP BY line_hash HAVING COUNT(*) >= @min
                ON CONFLICT DO NOTHING;
            """);
        command.Parameters.AddWithValue("min", (long)MinArticles);
        command.ExecuteNonQuery();
    }

    protected override void Write(IReadOnlyList<(long Line, long Article)> rows)
    {
        // Two statements, one round trip each: arrays unnested server-side instead of one statement per row.
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var insert = new NpgsqlCommand("""
            INSERT INTO boilerplate_line (line_hash, article_signature)
            SELECT * FROM unnest(@lines, @articles) ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<long[]>("lines", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = rows.Select(r => r.Line).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter<long[]>("articles", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = rows.Select(r => r.Article).ToArray() });
            insert.ExecuteNonQuery();
        }
        using (var promote = new NpgsqlCommand("""
            INSERT INTO boilerplate_known (line_hash)
            SELECT line_hash FROM boilerplate_line WHERE line_hash = ANY(@lines)
            GROUP BY line_hash HAVING COUNT(*) >= @min
            ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            promote.Parameters.Add(new NpgsqlParameter<long[]>("lines", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = rows.Select(r => r.Line).Distinct().ToArray() });
            promote.Parameters.AddWithValue("min", (long)MinArticles);
            promote.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    protected override IReadOnlyList<(long Seq, ulong Line)> LoadKnownSince(long afterSeq)
    {
        // Sequence numbers are taken at insert but become visible at commit, so a concurrent worker's promotion can
        // appear below one already read: re-reading a window below the last one seen catches such late commits.
        using var command = _dataSource.CreateCommand("SELECT seq, line_hash FROM boilerplate_known WHERE seq > @after");
        command.Parameters.AddWithValue("after", Math.Max(0, afterSeq - LateCommitWindow));
        using var reader = command.ExecuteReader();
        var known = new List<(long, ulong)>();
        while (reader.Read())
            known.Add((reader.GetInt64(0), unchecked((ulong)reader.GetInt64(1))));
        return known;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _dataSource.Dispose();
        base.Dispose(disposing);
    }
}
