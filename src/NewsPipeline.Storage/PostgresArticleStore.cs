using System.Globalization;
using System.Runtime.CompilerServices;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using Npgsql;
using NpgsqlTypes;
using Polly;

namespace NewsPipeline.Storage;

/// <summary>
/// PostgreSQL store for the scaled-out shape: the same rows as SQLite, inserts are "on conflict do nothing", so a
/// redelivered message can never create a second row. Transient errors (failover, connection loss) are retried.
/// </summary>
public sealed class PostgresArticleStore : IArticleStore, IAsyncDisposable
{
    private static readonly SqlDialect Sql = new("@", "INSERT", "ON CONFLICT DO NOTHING", "seq BIGSERIAL PRIMARY KEY", "seq BIGSERIAL PRIMARY KEY", "BYTEA", kind => kind switch
    {
        ColumnKind.TextList => "TEXT[]",
        ColumnKind.Time or ColumnKind.RequiredTime => "TIMESTAMPTZ",
        ColumnKind.Integer => "INTEGER",
        ColumnKind.Real or ColumnKind.RequiredReal => "DOUBLE PRECISION",
        _ => "TEXT",
    });
    private static readonly string InsertArticle = ArticleColumns.InsertArticle(Sql);
    private static readonly string InsertDelivery = ArticleColumns.InsertDelivery(Sql);
    private static readonly string SelectArticle = ArticleColumns.SelectArticle(Sql);
    private static readonly string SelectDelivery = ArticleColumns.SelectDelivery(Sql);
    private static readonly string InsertProcessedEvent = EventLog.InsertProcessed(Sql);
    private static readonly string InsertRejectedEvent = EventLog.InsertRejected(Sql);
    private static readonly string SelectEvents = EventLog.SelectAfter(Sql);

    /// <summary>
    /// Writers of the log take turns (the lock conflicts with itself, not with readers): a sequence number is drawn at
    /// insert, not at commit, so two writers at once could commit 11 before 10, and a subscriber already past 11 would
    /// never see 10.
    /// </summary>
    private const string LockLog = "LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _retry;
    private readonly WriteHealth _writes;

    public PostgresArticleStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _writes = new WriteHealth(IsTransient);
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new()
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
    }

    public async Task InitialiseAsync(CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            bool hadLog;
            await using (var exists = _dataSource.CreateCommand("SELECT to_regclass('events') IS NOT NULL"))
                hadLog = (bool)(await exists.ExecuteScalarAsync(ct))!;
            await using (var create = _dataSource.CreateCommand(ArticleColumns.CreateTables(Sql)))
                await create.ExecuteNonQueryAsync(ct);
            foreach (var table in ArticleColumns.Tables)
            {
                var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                await using (var info = _dataSource.CreateCommand(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table"))
                {
                    info.Parameters.AddWithValue("table", table);
                    await using var reader = await info.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                        existing.Add(reader.GetString(0));
                }
                // One transaction: a failure part-way through a rebuild leaves the old table as it was.
                await using var connection = await _dataSource.OpenConnectionAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                foreach (var statement in ArticleColumns.AddMissingColumns(table, existing, Sql))
                {
                    await using var alter = new NpgsqlCommand(statement, connection, transaction);
                    await alter.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
            }
            if (!hadLog)
            {
                await using var backfill = _dataSource.CreateCommand(EventLog.Backfill);
                await backfill.ExecuteNonQueryAsync(ct);
            }
        }, cancellationToken);

    public Task<ArticleProcessed?> FindAsync(string articleId, string fileName, string claimId, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectDelivery, cancellationToken, ("id", articleId), ("file", fileName), ("claim", claimId));

    public Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectArticle, cancellationToken, ("id", articleId));

    /// <summary>Saves several outcomes in one transaction and one round trip.</summary>
    public Task SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken) =>
        _writes.RunAsync(async () => await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LockLog));
            foreach (var stored in articles)
            {
                batch.BatchCommands.Add(Bind(new NpgsqlBatchCommand(InsertArticle), stored, ArticleColumns.All));
                batch.BatchCommands.Add(Bind(new NpgsqlBatchCommand(InsertDelivery), stored, ArticleColumns.Deliveries));
                // Unique per delivery: a redelivery logs no second event.
                var logged = new NpgsqlBatchCommand(InsertProcessedEvent);
                logged.Parameters.AddWithValue("article_id", stored.Outcome.ArticleId);
                logged.Parameters.AddWithValue("file_name", stored.Outcome.FileName);
                logged.Parameters.AddWithValue("claim_id", stored.Outcome.ClaimId);
                batch.BatchCommands.Add(logged);
            }
            await batch.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken));

    public async Task AppendRejectionsAsync(IReadOnlyList<ArticleRejected> rejections, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LockLog));
            foreach (var r in rejections)
            {
                var command = new NpgsqlBatchCommand(InsertRejectedEvent);
                command.Parameters.AddWithValue("article_id", r.ArticleId);
                command.Parameters.AddWithValue("file_name", r.FileName);
                command.Parameters.AddWithValue("claim_id", r.ClaimId);
                command.Parameters.AddWithValue("stage", r.Stage);
                command.Parameters.AddWithValue("reason", r.Reason);
                command.Parameters.AddWithValue("rejected_at", r.RejectedAt.ToUniversalTime());
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);

    public async Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(long cursor, int max, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await using var command = _dataSource.CreateCommand(SelectEvents);
            command.Parameters.AddWithValue("cursor", cursor);
            command.Parameters.AddWithValue("max", max);
            await using var r = await command.ExecuteReaderAsync(ct);
            var events = new List<LoggedEvent>();
            while (await r.ReadAsync(ct))
            {
                var seq = r.GetInt64(0);
                if (r.GetString(1) == EventLog.Rejected)
                    events.Add(new LoggedEvent(seq, null, new ArticleRejected(r.GetString(2), r.GetString(3), r.GetString(5), r.GetString(6),
                        new DateTimeOffset(r.GetFieldValue<DateTime>(7), TimeSpan.Zero), r.GetString(4))));
                else if (!r.IsDBNull(EventLog.ArticleOffset))
                    events.Add(new LoggedEvent(seq, Read(r, EventLog.ArticleOffset), null));
            }
            return (IReadOnlyList<LoggedEvent>)events;
        }, cancellationToken);

    public async Task<long> LastCursorAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(EventLog.SelectLast);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<DedupEntry> LoadDedupEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT article_id, file_name, story_id, body_hash, signature, received_at FROM articles ORDER BY seq");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new DedupEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                SignatureCodec.Decode(reader.IsDBNull(4) ? [] : reader.GetFieldValue<byte[]>(4)),
                reader.GetFieldValue<DateTimeOffset>(5));
        }
    }

    /// <summary>Deletes the article row and every delivery of it; copies that point at it keep their story id.</summary>
    public async Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var events = new NpgsqlCommand(EventLog.DeleteProcessed(Sql), connection, transaction);
            events.Parameters.AddWithValue("id", articleId);
            await events.ExecuteNonQueryAsync(ct);
            await using var deliveries = new NpgsqlCommand("DELETE FROM deliveries WHERE article_id = @id", connection, transaction);
            deliveries.Parameters.AddWithValue("id", articleId);
            await deliveries.ExecuteNonQueryAsync(ct);
            await using var article = new NpgsqlCommand("DELETE FROM articles WHERE article_id = @id", connection, transaction);
            article.Parameters.AddWithValue("id", articleId);
            var rows = await article.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return rows > 0;
        }, cancellationToken);

    public async Task<int> CountArticlesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM articles");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Connection trouble (Npgsql's own judgement), and the server classes that say "not now": 08 connection, 53
    /// insufficient resources (disk full), 57P operator intervention (shutting down), 40001/40P01 serialization/deadlock.
    /// </summary>
    public bool IsTransient(Exception exception) => exception switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)
            || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState is "40001" or "40P01",
        NpgsqlException e => e.IsTransient || e.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException,
        System.Net.Sockets.SocketException or IOException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_writes.Failing)
            return false;
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<ArticleProcessed?> QuerySingleAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await using var command = _dataSource.CreateCommand(sql);
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? Read(reader) : null;
        }, cancellationToken);

    private static NpgsqlBatchCommand Bind(NpgsqlBatchCommand command, StoredArticle stored, IReadOnlyList<ArticleColumn> columns)
    {
        var p = command.Parameters;
        foreach (var column in columns)
        {
            var value = column.Get(stored.Outcome) switch
            {
                null => DBNull.Value,
                IReadOnlyList<string> list => list.ToArray(),
                DateTimeOffset time => time.ToUniversalTime(),
                var other => other,
            };
            // Typed, so that a NULL time is sent as one.
            p.Add(column.Kind is ColumnKind.Time or ColumnKind.RequiredTime
                ? new NpgsqlParameter(column.Name, NpgsqlDbType.TimestampTz) { Value = value }
                : new NpgsqlParameter(column.Name, value));
        }
        if (columns != ArticleColumns.All)
            return command;
        p.AddWithValue("body_hash", stored.Fingerprint.BodyHash);
        p.AddWithValue("signature", SignatureCodec.Encode(stored.Fingerprint.Signature));
        return command;
    }

    /// <param name="offset">Where the article's columns start in the row.</param>
    private static ArticleProcessed Read(NpgsqlDataReader r, int offset = 0) => ArticleColumns.Read((c, column) =>
    {
        var i = offset + c;
        return r.IsDBNull(i) ? null : column.Kind switch
        {
            ColumnKind.TextList => r.GetFieldValue<string[]>(i),
            ColumnKind.Time or ColumnKind.RequiredTime => new DateTimeOffset(r.GetFieldValue<DateTime>(i), TimeSpan.Zero),
            ColumnKind.Integer => r.GetInt32(i),
            ColumnKind.Real or ColumnKind.RequiredReal => r.GetDouble(i),
            _ => r.GetString(i),
        };
    });
}
