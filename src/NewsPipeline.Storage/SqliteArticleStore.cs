using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using Polly;

namespace NewsPipeline.Storage;

/// <summary>
/// SQLite store: one row per article (ArticleId) and one row per delivery (ArticleId, FileName).
/// Inserts are "or ignore", so a redelivered message can never create a second row.
/// </summary>
public sealed class SqliteArticleStore : IArticleStore, IArticleBatchLookup
{
    private static readonly SqlDialect Sql = new("$", "INSERT OR IGNORE", "", "seq INTEGER PRIMARY KEY", "seq INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", kind => kind switch
    {
        ColumnKind.Integer => "INTEGER",
        ColumnKind.Real or ColumnKind.RequiredReal => "REAL",
        _ => "TEXT", // lists as JSON, times as ISO 8601 ("O")
    });
    private static readonly string InsertArticle = ArticleColumns.InsertArticle(Sql);
    private static readonly string InsertDelivery = ArticleColumns.InsertDelivery(Sql);
    private static readonly string SelectArticle = ArticleColumns.SelectArticle(Sql);
    private static readonly string SelectDelivery = ArticleColumns.SelectDelivery(Sql);
    private static readonly string InsertProcessedEvent = EventLog.InsertProcessed(Sql);
    private static readonly string InsertRejectedEvent = EventLog.InsertRejected(Sql);
    private static readonly string SelectEvents = EventLog.SelectAfter(Sql);

    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;
    private readonly WriteHealth _writes;

    public SqliteArticleStore(string path)
    {
        _writes = new WriteHealth(IsTransient);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // Busy/locked errors are transient when another process (e.g. a second sink on standby) holds the file.
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new()
            {
                ShouldHandle = new PredicateBuilder().Handle<SqliteException>(e => e.SqliteErrorCode is 5 or 6),
                MaxRetryAttempts = 5,
                Delay = TimeSpan.FromMilliseconds(50),
                BackoffType = DelayBackoffType.Exponential,
            })
            .Build();
    }

    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        bool hadLog;
        await using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'";
            hadLog = Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        }
        await ExecuteAsync(connection, ArticleColumns.CreateTables(Sql), cancellationToken);
        foreach (var table in ArticleColumns.Tables)
        {
            var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                await using var reader = await info.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    existing.Add(reader.GetString(0));
            }
            // One transaction: a crash part-way through a rebuild leaves the old table as it was.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in ArticleColumns.AddMissingColumns(table, existing, Sql))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (!hadLog)
            await ExecuteAsync(connection, EventLog.Backfill, cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<ArticleProcessed?> FindAsync(string articleId, string fileName, string claimId, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectDelivery, cancellationToken, ("$id", articleId), ("$file", fileName), ("$claim", claimId));

    public Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken) =>
        QuerySingleAsync(SelectArticle, cancellationToken, ("$id", articleId));

    /// <summary>Both lookups of every delivery on one connection, each statement prepared once.</summary>
    public async Task<StoredLookup> FindManyAsync(IReadOnlyList<DeliveryKey> deliveries, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            var found = new Dictionary<DeliveryKey, ArticleProcessed>();
            var articles = new Dictionary<string, ArticleProcessed>(StringComparer.Ordinal);
            if (deliveries.Count == 0)
                return new StoredLookup(found, articles);
            await using var connection = await OpenAsync(ct);
            await using var delivery = connection.CreateCommand();
            delivery.CommandText = SelectDelivery;
            var id = delivery.Parameters.Add("$id", SqliteType.Text);
            var file = delivery.Parameters.Add("$file", SqliteType.Text);
            var claim = delivery.Parameters.Add("$claim", SqliteType.Text);
            await using var article = connection.CreateCommand();
            article.CommandText = SelectArticle;
            var articleId = article.Parameters.Add("$id", SqliteType.Text);
            foreach (var key in deliveries)
            {
                if (!found.ContainsKey(key))
                {
                    (id.Value, file.Value, claim.Value) = (key.ArticleId, key.FileName, key.ClaimId);
                    await using var reader = await delivery.ExecuteReaderAsync(ct);
                    if (await reader.ReadAsync(ct))
                        found[key] = EventLog.WithCursor(Read(reader), reader);
                }
                if (!articles.ContainsKey(key.ArticleId))
                {
                    articleId.Value = key.ArticleId;
                    await using var reader = await article.ExecuteReaderAsync(ct);
                    if (await reader.ReadAsync(ct))
                        articles[key.ArticleId] = Read(reader);
                }
            }
            return new StoredLookup(found, articles);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<long>> SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken) =>
        _writes.RunAsync(async () => await _retry.ExecuteAsync(async ct =>
        {
            var cursors = new long[articles.Count];
            await using var connection = await OpenAsync(ct);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var article = connection.CreateCommand();
            article.Transaction = transaction;
            article.CommandText = InsertArticle;
            await using var delivery = connection.CreateCommand();
            delivery.Transaction = transaction;
            delivery.CommandText = InsertDelivery;
            await using var logged = connection.CreateCommand();
            logged.Transaction = transaction;
            logged.CommandText = InsertProcessedEvent;
            for (var i = 0; i < articles.Count; i++)
            {
                var stored = articles[i];
                Bind(article, stored, ArticleColumns.All);
                await article.ExecuteNonQueryAsync(ct);
                Bind(delivery, stored, ArticleColumns.Deliveries);
                await delivery.ExecuteNonQueryAsync(ct);
                // Unique per delivery: a redelivery logs no second event.
                logged.Parameters.Clear();
                logged.Parameters.AddWithValue("$article_id", stored.Outcome.ArticleId);
                logged.Parameters.AddWithValue("$file_name", stored.Outcome.FileName);
                logged.Parameters.AddWithValue("$claim_id", stored.Outcome.ClaimId);
                cursors[i] = Convert.ToInt64(await logged.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            }
            await transaction.CommitAsync(ct);
            return (IReadOnlyList<long>)cursors;
        }, cancellationToken));

    public async Task<IReadOnlyList<long>> AppendRejectionsAsync(IReadOnlyList<ArticleRejected> rejections, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            var cursors = new List<long>(rejections.Count);
            await using var connection = await OpenAsync(ct);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = InsertRejectedEvent;
            foreach (var r in rejections)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$article_id", r.ArticleId);
                command.Parameters.AddWithValue("$file_name", r.FileName);
                command.Parameters.AddWithValue("$claim_id", r.ClaimId);
                command.Parameters.AddWithValue("$stage", r.Stage);
                command.Parameters.AddWithValue("$reason", r.Reason);
                command.Parameters.AddWithValue("$rejected_at", r.RejectedAt.ToString("O", CultureInfo.InvariantCulture));
                cursors.Add(Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
            }
            await transaction.CommitAsync(ct);
            return (IReadOnlyList<long>)cursors;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(long cursor, int max, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = SelectEvents;
            command.Parameters.AddWithValue("$cursor", cursor);
            command.Parameters.AddWithValue("$max", max);
            await using var r = await command.ExecuteReaderAsync(ct);
            var events = new List<LoggedEvent>();
            while (await r.ReadAsync(ct))
            {
                if (EventLog.Read(r, i => DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture), offset => Read(r, offset)) is { } logged)
                    events.Add(logged);
            }
            return (IReadOnlyList<LoggedEvent>)events;
        }, cancellationToken);
    }

    public async Task<long> LastCursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = EventLog.SelectLast;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<DedupEntry> LoadDedupEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // What the duplicate index needs, oldest first (seq is the arrival order).
        command.CommandText = "SELECT article_id, file_name, story_id, body_hash, signature, received_at FROM articles ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new DedupEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? [] : SignatureCodec.Decode(reader.GetStream(4)),
                DateTimeOffset.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Deletes the article row and every delivery of it; copies that point at it keep their story id.</summary>
    public async Task<bool> DeleteAsync(string articleId, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"{EventLog.DeleteProcessed(Sql)}; DELETE FROM deliveries WHERE article_id = $id; DELETE FROM articles WHERE article_id = $id;";
            command.Parameters.AddWithValue("$id", articleId);
            var rows = await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return rows > 0;
        }, cancellationToken);
    }

    public async Task<int> CountArticlesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM articles";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Busy, locked, I/O error, disk full, cannot open (SQLite's primary result codes), or the file system's own error.</summary>
    public bool IsTransient(Exception exception) => exception switch
    {
        SqliteException e => (e.SqliteErrorCode & 0xFF) is 5 or 6 or 10 or 13 or 14,
        IOException or UnauthorizedAccessException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_writes.Failing)
            return false;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM articles";
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task<ArticleProcessed?> QuerySingleAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? EventLog.WithCursor(Read(reader), reader) : null;
        }, cancellationToken);
    }

    private static void Bind(SqliteCommand command, StoredArticle stored, IReadOnlyList<ArticleColumn> columns)
    {
        command.Parameters.Clear();
        foreach (var column in columns)
            command.Parameters.AddWithValue("$" + column.Name, column.Get(stored.Outcome) switch
            {
                null => DBNull.Value,
                IReadOnlyList<string> list => JsonSerializer.Serialize(list),
                DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                var value => value,
            });
        if (columns != ArticleColumns.All)
            return;
        command.Parameters.AddWithValue("$body_hash", stored.Fingerprint.BodyHash);
        command.Parameters.AddWithValue("$signature", SignatureCodec.Encode(stored.Fingerprint.Signature));
    }

    /// <param name="offset">Where the article's columns start in the row.</param>
    private static ArticleProcessed Read(SqliteDataReader r, int offset = 0) => ArticleColumns.Read((c, column) =>
    {
        var i = offset + c;
        return r.IsDBNull(i) ? null : column.Kind switch
        {
            ColumnKind.TextList => JsonSerializer.Deserialize<string[]>(r.GetString(i)) ?? [],
            ColumnKind.Time or ColumnKind.RequiredTime => DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture),
            ColumnKind.Integer => r.GetInt32(i),
            ColumnKind.Real or ColumnKind.RequiredReal => r.GetDouble(i),
            _ => r.GetString(i),
        };
    });
}
