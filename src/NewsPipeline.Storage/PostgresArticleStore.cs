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
    private readonly NpgsqlDataSource _dataSource;
    private readonly ResiliencePipeline _retry;

    public PostgresArticleStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
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
            await using var command = _dataSource.CreateCommand(PostgresSchema.Create);
            await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task<ArticleProcessed?> FindAsync(string articleId, string fileName, CancellationToken cancellationToken) =>
        QuerySingleAsync(PostgresSchema.SelectDelivery, cancellationToken, ("id", articleId), ("file", fileName));

    public Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken) =>
        QuerySingleAsync(PostgresSchema.SelectArticle, cancellationToken, ("id", articleId));

    /// <summary>Saves several outcomes in one transaction and one round trip.</summary>
    public async Task SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var stored in articles)
            {
                batch.BatchCommands.Add(Bind(new NpgsqlBatchCommand(PostgresSchema.InsertArticle), stored, article: true));
                batch.BatchCommands.Add(Bind(new NpgsqlBatchCommand(PostgresSchema.InsertDelivery), stored, article: false));
            }
            await batch.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);

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

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
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

    private static NpgsqlBatchCommand Bind(NpgsqlBatchCommand command, StoredArticle stored, bool article)
    {
        var r = stored.Outcome;
        var p = command.Parameters;
        p.AddWithValue("id", r.ArticleId);
        p.AddWithValue("file", r.FileName);
        p.AddWithValue("status", r.Status);
        p.AddWithValue("duplicateOf", (object?)r.DuplicateOf ?? DBNull.Value);
        p.AddWithValue("duplicateOfFile", (object?)r.DuplicateOfFileName ?? DBNull.Value);
        p.AddWithValue("story", r.StoryId);
        p.AddWithValue("similarity", (object?)r.Similarity ?? DBNull.Value);
        p.AddWithValue("method", (object?)r.MatchMethod ?? DBNull.Value);
        p.AddWithValue("received", r.ReceivedAt.ToUniversalTime());
        p.AddWithValue("processed", r.ProcessedAt.ToUniversalTime());
        if (!article)
            return command;
        p.AddWithValue("title", r.Title);
        p.AddWithValue("body", r.Body);
        p.AddWithValue("byline", (object?)r.Byline ?? DBNull.Value);
        p.AddWithValue("authors", r.Authors.ToArray());
        p.AddWithValue("source", (object?)r.Source ?? DBNull.Value);
        p.AddWithValue("contributors", r.Contributors.ToArray());
        p.AddWithValue("url", (object?)r.Url ?? DBNull.Value);
        p.Add(new NpgsqlParameter("published", NpgsqlDbType.TimestampTz) { Value = (object?)r.Published?.ToUniversalTime() ?? DBNull.Value });
        p.AddWithValue("language", (object?)r.Language ?? DBNull.Value);
        p.AddWithValue("words", r.WordCount);
        p.AddWithValue("category", r.Category);
        p.AddWithValue("confidence", r.Confidence);
        p.AddWithValue("runnerUp", (object?)r.RunnerUp ?? DBNull.Value);
        p.AddWithValue("runnerUpConfidence", (object?)r.RunnerUpConfidence ?? DBNull.Value);
        p.AddWithValue("hash", stored.Fingerprint.BodyHash);
        p.AddWithValue("signature", SignatureCodec.Encode(stored.Fingerprint.Signature));
        return command;
    }

    /// <summary>Columns 22 and 23 (body hash, signature) are the index's, not the event's.</summary>
    private static ArticleProcessed Read(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        DateTimeOffset? T(int i) => r.IsDBNull(i) ? null : new DateTimeOffset(r.GetFieldValue<DateTime>(i), TimeSpan.Zero);
        return new ArticleProcessed
        {
            ArticleId = r.GetString(0),
            FileName = r.GetString(1),
            Status = r.GetString(2),
            Title = r.GetString(3),
            Body = r.GetString(4),
            Byline = S(5),
            Authors = r.GetFieldValue<string[]>(6),
            Source = S(7),
            Contributors = r.GetFieldValue<string[]>(8),
            Url = S(9),
            Published = T(10),
            Language = S(11),
            WordCount = r.GetInt32(12),
            Category = r.GetString(13),
            Confidence = r.GetDouble(14),
            RunnerUp = S(15),
            RunnerUpConfidence = D(16),
            DuplicateOf = S(17),
            DuplicateOfFileName = S(18),
            StoryId = r.GetString(19),
            Similarity = D(20),
            MatchMethod = S(21),
            ReceivedAt = T(24)!.Value,
            ProcessedAt = T(25)!.Value,
        };
    }
}
