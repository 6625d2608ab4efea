using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace NewsPipeline.Storage;

/// <summary>PostgreSQL: lists as TEXT[], times as TIMESTAMPTZ (UTC); a table lock serialises the event log's writers.</summary>
internal sealed class PostgresDialect : StoreDialect
{
    /// <summary>The readiness probe's own timeouts (seconds): a frozen server must be told within the check's bound.</summary>
    private const int ProbeTimeoutSeconds = 2;

    /// <summary>Any fixed number: the advisory lock that lets one process at a time migrate the database.</summary>
    private const long MigrationLock = 0x4e657773;

    private readonly string _connectionString;
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _probe;

    public PostgresDialect(string connectionString)
    {
        _connectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _probe = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = ProbeTimeoutSeconds,
            CommandTimeout = ProbeTimeoutSeconds,
            CancellationTimeout = 500,
        });
    }

    protected override string MigrationsFolder => "Postgres";

    public override TimeSpan RetryDelay => TimeSpan.FromMilliseconds(100);

    public override string? LockLog => "LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Connection trouble (Npgsql's own judgement), and the server classes that say "not now": 08 connection, 53
    /// insufficient resources (disk full), 57P operator intervention (shutting down), 40001/40P01 serialization/deadlock.
    /// </summary>
    public override bool IsTransient(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)
            || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState is "40001" or "40P01",
        NpgsqlException e => e.IsTransient || e.InnerException is SocketException or IOException or TimeoutException,
        SocketException or IOException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = _probe.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public override string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.TextList => "TEXT[]",
        ColumnKind.Time or ColumnKind.RequiredTime => "TIMESTAMPTZ",
        ColumnKind.Integer => "INTEGER",
        ColumnKind.Real or ColumnKind.RequiredReal => "DOUBLE PRECISION",
        _ => "TEXT",
    };

    public override void SetList(DbParameter parameter, IReadOnlyList<string> list) => parameter.Value = list.ToArray();

    /// <summary>Typed, so that a NULL time is sent as one.</summary>
    public override void SetTime(DbParameter parameter, DateTimeOffset? time)
    {
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = time is { } t ? t.ToUniversalTime() : DBNull.Value;
    }

    public override IReadOnlyList<string> GetList(DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);

    public override DateTimeOffset GetTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override uint[] GetSignature(DbDataReader reader, int ordinal) => SignatureCodec.Decode(reader.GetFieldValue<byte[]>(ordinal));

    public override async Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken) =>
        (bool)(await ScalarAsync(connection, "SELECT to_regclass(@name) IS NOT NULL", cancellationToken, ("name", table)))!;

    /// <summary>The names of a table's columns, one per row, for the parameter @table.</summary>
    protected override string ColumnsQuery => "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table";

    /// <summary>Under an advisory lock: two sinks starting at once would otherwise both create the same tables.</summary>
    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ScalarAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", MigrationLock));
        try
        {
            await MigrateAsync(connection, to => to.PostgresqlDatabase(_connectionString), cancellationToken);
        }
        finally
        {
            await ScalarAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", MigrationLock));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _probe.DisposeAsync();
        await base.DisposeAsync();
    }
}
