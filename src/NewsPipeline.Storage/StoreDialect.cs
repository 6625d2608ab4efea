using System.Data;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using DbUp.Builder;

namespace NewsPipeline.Storage;

/// <summary>
/// What differs between SQLite and PostgreSQL under <see cref="SqlArticleStore"/>: opening a connection, the SQL type
/// of a column kind and converting values to and from it, serialising the event log's writers, which errors are the
/// database's trouble (transient), the readiness probe, and running the migrations. Statements themselves are the same
/// text on both (named "@" parameters, ON CONFLICT, RETURNING).
/// </summary>
internal abstract class StoreDialect : IAsyncDisposable
{
    /// <summary>Embedded scripts under Migrations/&lt;Folder&gt;/, run in name order once per database.</summary>
    protected abstract string MigrationsFolder { get; }

    /// <summary>Delay before the first retry of a transient error (then doubling, 5 retries).</summary>
    public abstract TimeSpan RetryDelay { get; }

    /// <summary>
    /// Run first in a transaction that appends to the event log, or null when the database already lets one writer at a
    /// time (SQLite). A sequence number is drawn at insert, not at commit: two writers at once could commit 11 before
    /// 10, and a subscriber already past 11 would never see 10.
    /// </summary>
    public abstract string? LockLog { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The database's own trouble (unreachable, shut down, busy, disk full), not the statement's or the data's.</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>One cheap round trip, with short timeouts of its own (the writes keep theirs).</summary>
    public abstract Task ProbeAsync(CancellationToken cancellationToken);

    public abstract string SqlType(ColumnKind kind);

    public abstract void SetList(DbParameter parameter, IReadOnlyList<string> list);

    public abstract void SetTime(DbParameter parameter, DateTimeOffset? time);

    public abstract IReadOnlyList<string> GetList(DbDataReader reader, int ordinal);

    public abstract DateTimeOffset GetTime(DbDataReader reader, int ordinal);

    public abstract uint[] GetSignature(DbDataReader reader, int ordinal);

    public abstract Task<bool> TableExistsAsync(DbConnection connection, string table, CancellationToken cancellationToken);

    protected abstract string ColumnsQuery { get; }

    public async Task<IReadOnlySet<string>> ColumnsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var command = connection.CreateCommand();
        command.CommandText = ColumnsQuery;
        Add(command.Parameters, command.CreateParameter, "table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            columns.Add(reader.GetString(0));
        return columns;
    }

    /// <summary>Brings the database up to date: a database from before migrations first to the shape of script 001, then every script it lacks.</summary>
    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected async Task MigrateAsync(DbConnection connection, Func<SupportedDatabases, UpgradeEngineBuilder> target, CancellationToken cancellationToken)
    {
        await LegacySchema.UpgradeAsync(connection, this, cancellationToken);
        var result = target(DbUp.DeployChanges.To)
            .WithScriptsEmbeddedInAssembly(typeof(StoreDialect).Assembly, name => name.Contains($".Migrations.{MigrationsFolder}.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
            ExceptionDispatchInfo.Throw(result.Error);
    }

    /// <summary>A parameter of the command, named as in the statement ("@name").</summary>
    public static DbParameter Add(DbParameterCollection parameters, Func<DbParameter> create, string name, object? value)
    {
        var parameter = create();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
        return parameter;
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            Add(command.Parameters, command.CreateParameter, name, value);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    protected static void AsText(DbParameter parameter) => parameter.DbType = DbType.String;
}
