using System.Data.Common;
using System.Globalization;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Faults;
using NewsPipeline.Core.Ports;
using Polly;

namespace NewsPipeline.Storage;

/// <summary>
/// The article store, on SQLite (embedded) or PostgreSQL (scaled out): one row per article (ArticleId), one per
/// delivery (ArticleId, FileName, ClaimId) and one per public event. Inserts do nothing on conflict, so a redelivered
/// message can never create a second row. The database's transient errors are retried a few times, then surface as
/// <see cref="StoreUnavailableException"/>: everything above tells the store's trouble from the article's by that.
/// </summary>
public sealed class SqlArticleStore : IArticleStore, IAsyncDisposable
{
    /// <summary>The readiness probe's bound: compose's health check gives up after 5 s.</summary>
    private static readonly TimeSpan ProbeBound = TimeSpan.FromSeconds(2);

    private readonly StoreDialect _dialect;
    private readonly ResiliencePipeline _retry;
    private volatile bool _writesFailing;

    private SqlArticleStore(StoreDialect dialect)
    {
        _dialect = dialect;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new()
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(dialect.IsTransient),
                MaxRetryAttempts = 5,
                Delay = dialect.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
    }

    /// <summary>A SQLite file (created with its folder when missing).</summary>
    public static SqlArticleStore Sqlite(string path) => new(new SqliteDialect(path));

    /// <summary>A PostgreSQL database, by Npgsql connection string.</summary>
    public static SqlArticleStore Postgres(string connectionString) => new(new PostgresDialect(connectionString));

    public Task InitialiseAsync(CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await _dialect.MigrateAsync(ct);
            return true;
        }, cancellationToken);

    public Task<ArticleProcessed?> FindAsync(string articleId, string fileName, string claimId, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct);
            await using var command = Command(connection, ArticleColumns.SelectDelivery, ("id", articleId), ("file", fileName), ("claim", claimId));
            return await ReadOneAsync(command, ct);
        }, cancellationToken);

    public Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct);
            await using var command = Command(connection, ArticleColumns.SelectArticle, ("id", articleId));
            return await ReadOneAsync(command, ct);
        }, cancellationToken);

    /// <summary>Both lookups of every delivery on one connection, each statement prepared once.</summary>
    public Task<StoredLookup> FindManyAsync(IReadOnlyList<DeliveryKey> deliveries, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            var found = new Dictionary<DeliveryKey, ArticleProcessed>();
            var articles = new Dictionary<string, ArticleProcessed>(StringComparer.Ordinal);
            if (deliveries.Count == 0)
                return new StoredLookup(found, articles);
            await using var connection = await _dialect.OpenAsync(ct);
            await using var delivery = Command(connection, ArticleColumns.SelectDelivery, ("id", ""), ("file", ""), ("claim", ""));
            await using var article = Command(connection, ArticleColumns.SelectArticle, ("id", ""));
            foreach (var key in deliveries)
            {
                if (!found.ContainsKey(key))
                {
                    (delivery.Parameters[0].Value, delivery.Parameters[1].Value, delivery.Parameters[2].Value) = (key.ArticleId, key.FileName, key.ClaimId);
                    if (await ReadOneAsync(delivery, ct) is { } outcome)
                        found[key] = outcome;
                }
                if (!articles.ContainsKey(key.ArticleId))
                {
                    article.Parameters[0].Value = key.ArticleId;
                    if (await ReadOneAsync(article, ct) is { } row)
                        articles[key.ArticleId] = row;
                }
            }
            return new StoredLookup(found, articles);
        }, cancellationToken);

    public async Task<IReadOnlyList<long>> SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken)
    {
        try
        {
            var cursors = await RunAsync(ct => WriteAsync(articles.SelectMany(stored => (Statement[])
            [
                new(ArticleColumns.InsertArticle, p => BindArticle(p, stored)),
                new(ArticleColumns.InsertDelivery, p => BindColumns(p, stored.Outcome, ArticleColumns.Deliveries)),
                // Unique per delivery: a redelivery logs no second event.
                new(EventLog.InsertProcessed, p => BindDelivery(p, stored.Outcome.ArticleId, stored.Outcome.FileName, stored.Outcome.ClaimId), Returns: true),
            ]), ct), cancellationToken);
            if (cursors.Count != articles.Count)
                throw new InvalidOperationException($"the event log returned {cursors.Count} cursors for {articles.Count} events");
            _writesFailing = false;
            return cursors;
        }
        catch (StoreUnavailableException)
        {
            _writesFailing = true;
            throw;
        }
    }

    public Task<IReadOnlyList<long>> AppendRejectionsAsync(IReadOnlyList<ArticleRejected> rejections, CancellationToken cancellationToken) =>
        RunAsync(ct => WriteAsync(rejections.Select(r => new Statement(EventLog.InsertRejected, p =>
        {
            BindDelivery(p, r.ArticleId, r.FileName, r.ClaimId);
            p.Add("stage", r.Stage);
            p.Add("reason", r.Reason);
            _dialect.SetTime(p.Add("rejected_at", null), r.RejectedAt);
        }, Returns: true)), ct), cancellationToken);

    public Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(long cursor, int max, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct);
            await using var command = Command(connection, EventLog.SelectAfter, ("cursor", cursor), ("max", max));
            await using var r = await command.ExecuteReaderAsync(ct);
            var events = new List<LoggedEvent>();
            while (await r.ReadAsync(ct))
            {
                if (EventLog.Read(r, i => _dialect.GetTime(r, i), offset => Read(r, offset)) is { } logged)
                    events.Add(logged);
            }
            return (IReadOnlyList<LoggedEvent>)events;
        }, cancellationToken);

    public Task<long> LastCursorAsync(CancellationToken cancellationToken) =>
        ScalarAsync(EventLog.SelectLast, cancellationToken);

    public Task<IReadOnlyList<SequencedDedupEntry>> ReadDedupEntriesAsync(long afterSeq, int max, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct);
            await using var command = Command(connection, ArticleColumns.SelectDedupEntries, ("after", afterSeq), ("max", max));
            await using var r = await command.ExecuteReaderAsync(ct);
            var entries = new List<SequencedDedupEntry>();
            while (await r.ReadAsync(ct))
            {
                entries.Add(new(r.GetInt64(0), new DedupEntry(r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.IsDBNull(5) ? [] : _dialect.GetSignature(r, 5), _dialect.GetTime(r, 6))));
            }
            return (IReadOnlyList<SequencedDedupEntry>)entries;
        }, cancellationToken);

    /// <summary>Deletes the article row and every delivery of it; copies that point at it keep their story id.</summary>
    public async Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken)
    {
        var rows = await RunAsync(ct => WriteAsync(
            [
                new(EventLog.DeleteProcessed, p => p.Add("id", articleId)),
                new("DELETE FROM deliveries WHERE article_id = @id", p => p.Add("id", articleId)),
                new("DELETE FROM articles WHERE article_id = @id RETURNING seq", p => p.Add("id", articleId), Returns: true),
            ], ct, lockLog: false), cancellationToken);
        return rows.Count > 0;
    }

    public async Task<int> CountArticlesAsync(CancellationToken cancellationToken) =>
        (int)await ScalarAsync("SELECT count(*) FROM articles", cancellationToken);

    /// <summary>Within <see cref="ProbeBound"/>, whatever the database does: a frozen server is a failed check, not a slow one.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_writesFailing)
            return false;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ProbeBound);
        var probe = _dialect.ProbeAsync(bounded.Token);
        try
        {
            await probe.WaitAsync(bounded.Token);
            return true;
        }
        catch (Exception e) when (e is DbException || _dialect.IsTransient(e) || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A probe left behind ends on its own timeouts; its error has been answered here.
            _ = probe.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            return false;
        }
    }

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    /// <summary>Retries the database's transient errors a few times, then reports them as the store's trouble.</summary>
    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(async ct => await operation(ct), cancellationToken);
        }
        catch (Exception e) when (_dialect.IsTransient(e))
        {
            throw new StoreUnavailableException($"The store cannot be used now: {e.Message}", e);
        }
    }

    /// <param name="Returns">The statement returns one value (RETURNING seq); the write returns these values in order.</param>
    private sealed record Statement(string Sql, Action<Parameters> Bind, bool Returns = false);

    /// <summary>
    /// The statements in one transaction, sent as one batch where the database takes one (PostgreSQL: one round trip),
    /// else one after another with each distinct statement prepared once (SQLite, in process).
    /// </summary>
    private async Task<IReadOnlyList<long>> WriteAsync(IEnumerable<Statement> statements, CancellationToken cancellationToken, bool lockLog = true)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var returned = new List<long>();
        if (lockLog && _dialect.LockLog is { } lockStatement)
            statements = statements.Prepend(new Statement(lockStatement, _ => { }));
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var statement in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                statement.Bind(new Parameters(command.Parameters, command.CreateParameter, _dialect));
                batch.BatchCommands.Add(command);
            }
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                    returned.Add(reader.GetInt64(0));
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        else
        {
            var prepared = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
            try
            {
                foreach (var statement in statements)
                {
                    if (!prepared.TryGetValue(statement.Sql, out var command))
                    {
                        command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = statement.Sql;
                        prepared[statement.Sql] = command;
                    }
                    command.Parameters.Clear();
                    statement.Bind(new Parameters(command.Parameters, command.CreateParameter, _dialect));
                    if (!statement.Returns)
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    else if (await command.ExecuteScalarAsync(cancellationToken) is { } value)
                        returned.Add(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                }
            }
            finally
            {
                foreach (var command in prepared.Values)
                    await command.DisposeAsync();
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return returned;
    }

    private Task<long> ScalarAsync(string sql, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await using var connection = await _dialect.OpenAsync(ct);
            await using var command = Command(connection, sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }, cancellationToken);

    private DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var p = new Parameters(command.Parameters, command.CreateParameter, _dialect);
        foreach (var (name, value) in parameters)
            p.Add(name, value);
        return command;
    }

    private async Task<ArticleProcessed?> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? EventLog.WithCursor(Read(reader), reader) : null;
    }

    private static void BindDelivery(Parameters p, string articleId, string fileName, string claimId)
    {
        p.Add("article_id", articleId);
        p.Add("file_name", fileName);
        p.Add("claim_id", claimId);
    }

    private void BindArticle(Parameters p, StoredArticle stored)
    {
        BindColumns(p, stored.Outcome, ArticleColumns.All);
        p.Add("body_hash", stored.Fingerprint.BodyHash);
        p.Add("signature", SignatureCodec.Encode(stored.Fingerprint.Signature));
    }

    private void BindColumns(Parameters p, ArticleProcessed outcome, IReadOnlyList<ArticleColumn> columns)
    {
        foreach (var column in columns)
        {
            var value = column.Get(outcome);
            var parameter = p.Add(column.Name, null);
            if (column.Kind is ColumnKind.Time or ColumnKind.RequiredTime)
                _dialect.SetTime(parameter, (DateTimeOffset?)value);
            else if (value is IReadOnlyList<string> list)
                _dialect.SetList(parameter, list);
            else
                parameter.Value = value ?? DBNull.Value;
        }
    }

    /// <param name="offset">Where the article's columns start in the row.</param>
    private ArticleProcessed Read(DbDataReader r, int offset = 0) => ArticleColumns.Read((c, column) =>
    {
        var i = offset + c;
        return r.IsDBNull(i) ? null : column.Kind switch
        {
            ColumnKind.TextList => _dialect.GetList(r, i),
            ColumnKind.Time or ColumnKind.RequiredTime => _dialect.GetTime(r, i),
            ColumnKind.Integer => r.GetInt32(i),
            ColumnKind.Real or ColumnKind.RequiredReal => r.GetDouble(i),
            _ => r.GetString(i),
        };
    });

    /// <summary>Adds a command's named parameters, whether it is a command or one of a batch.</summary>
    private readonly record struct Parameters(DbParameterCollection Collection, Func<DbParameter> Create, StoreDialect Dialect)
    {
        public DbParameter Add(string name, object? value) => StoreDialect.Add(Collection, Create, name, value);
    }
}
