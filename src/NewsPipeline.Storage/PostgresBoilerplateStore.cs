using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Normalisation.Boilerplate;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Storage;

/// <summary>Learned boilerplate in PostgreSQL (the scaled-out shape): workers on every host share what they learn.</summary>
public sealed class PostgresBoilerplateStore : PersistentBoilerplateStore
{
    private readonly NpgsqlDataSource dataSource;

    public PostgresBoilerplateStore(string connectionString, int minArticles = BoilerplateLines.DefaultMinArticles, TimeProvider? time = null, ILogger? logger = null)
        : base(minArticles, time, logger)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
        Start();
    }

    protected override bool IsDatabaseError(Exception e) => e is NpgsqlException or SocketException or TimeoutException;

    protected override void CreateSchema()
    {
        using var command = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS boilerplate_line (
                line_hash BIGINT NOT NULL,
                article_signature BIGINT NOT NULL,
                PRIMARY KEY (line_hash, article_signature))
            """);
        command.ExecuteNonQuery();
    }

    protected override void Write(IEnumerable<(long Line, long Article)> rows)
    {
        var list = rows.ToList();
        // One statement for the whole batch: arrays unnested server-side instead of one round trip per row.
        using var command = dataSource.CreateCommand("""
            INSERT INTO boilerplate_line (line_hash, article_signature)
            SELECT * FROM unnest(@lines, @articles) ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<long[]>("lines", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = list.Select(r => r.Line).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]>("articles", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = list.Select(r => r.Article).ToArray() });
        command.ExecuteNonQuery();
    }

    protected override IReadOnlyList<ulong> LoadKnown()
    {
        using var command = dataSource.CreateCommand("SELECT line_hash FROM boilerplate_line GROUP BY line_hash HAVING COUNT(*) >= @min");
        command.Parameters.AddWithValue("min", (long)MinArticles);
        using var reader = command.ExecuteReader();
        var known = new List<ulong>();
        while (reader.Read())
            known.Add(unchecked((ulong)reader.GetInt64(0)));
        return known;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            dataSource.Dispose();
    }
}
