using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NewsPipeline.Storage;

/// <summary>SQLite: one file, lists as JSON, times as ISO 8601 text ("O"); the file's write lock serialises writers.</summary>
internal sealed class SqliteDialect : StoreDialect
{
    private readonly string _connectionString;

    public SqliteDialect(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    protected override string MigrationsFolder => "Sqlite";

    public override TimeSpan RetryDelay => TimeSpan.FromMilliseconds(50);

    public override string? LockLog => null;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // busy_timeout: another process (a second sink on standby, `process --db`) may hold the write lock a moment.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Busy, locked, I/O error, disk full, cannot open (SQLite's primary result codes), or the file system's own error.</summary>
    public override bool IsTransient(Exception exception) => exception switch
    {
        SqliteException e => (e.SqliteErrorCode & 0xFF) is 5 or 6 or 10 or 13 or 14,
        IOException or UnauthorizedAccessException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ScalarAsync(connection, "SELECT 1 FROM articles LIMIT 1", cancellationToken);
    }

    public override string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "INTEGER",
        ColumnKind.Real or ColumnKind.RequiredReal => "REAL",
        _ => "TEXT",
    };

    public override void SetList(DbParameter parameter, IReadOnlyList<string> list) => parameter.Value = JsonSerializer.Serialize(list);

    public override void SetTime(DbParameter parameter, DateTimeOffset? time)
    {
        AsText(parameter);
        parameter.Value = time is { } t ? t.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;
    }

    public override IReadOnlyList<string> GetList(DbDataReader reader, int ordinal) => JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) => DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    /// <summary>Read as a stream: no intermediate byte array per row (the index rebuild reads millions).</summary>
    public override uint[] GetSignature(DbDataReader reader, int ordinal)
    {
        using var blob = reader.GetStream(ordinal);
        return SignatureCodec.Decode(blob);
    }

    public override async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @name", cancellationToken, ("name", table)),
            CultureInfo.InvariantCulture) > 0;

    /// <summary>The names of a table's columns, one per row, for the parameter @table.</summary>
    protected override string ColumnsQuery => "SELECT name FROM pragma_table_info(@table)";

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await MigrateAsync(connection, to => to.SqliteDatabase(_connectionString), cancellationToken);
    }
}
