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
public sealed class SqliteArticleStore : IArticleStore
{
    private readonly string _connectionString;
    private readonly ResiliencePipeline _retry;

    public SqliteArticleStore(string path)
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
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Create;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<ArticleProcessed?> FindAsync(string articleId, string fileName, CancellationToken cancellationToken) =>
        QuerySingleAsync(SqliteSchema.SelectDelivery, cancellationToken, ("$id", articleId), ("$file", fileName));

    public Task<ArticleProcessed?> FindArticleAsync(string articleId, CancellationToken cancellationToken) =>
        QuerySingleAsync(SqliteSchema.SelectArticle, cancellationToken, ("$id", articleId));

    public async Task SaveManyAsync(IReadOnlyList<StoredArticle> articles, CancellationToken cancellationToken)
    {
        await _retry.ExecuteAsync(async ct =>
        {
            await using var connection = await OpenAsync(ct);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var article = connection.CreateCommand();
            article.Transaction = transaction;
            article.CommandText = SqliteSchema.InsertArticle;
            await using var delivery = connection.CreateCommand();
            delivery.Transaction = transaction;
            delivery.CommandText = SqliteSchema.InsertDelivery;
            foreach (var stored in articles)
            {
                Bind(article, stored);
                await article.ExecuteNonQueryAsync(ct);
                Bind(delivery, stored);
                await delivery.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    public async IAsyncEnumerable<DedupEntry> LoadDedupEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.SelectDedupEntries;
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
            command.CommandText = SqliteSchema.DeleteArticle;
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

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
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
            return await reader.ReadAsync(ct) ? Read(reader) : null;
        }, cancellationToken);
    }

    private static void Bind(SqliteCommand command, StoredArticle stored)
    {
        var r = stored.Outcome;
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$id", r.ArticleId);
        command.Parameters.AddWithValue("$file", r.FileName);
        command.Parameters.AddWithValue("$status", r.Status);
        command.Parameters.AddWithValue("$title", r.Title);
        command.Parameters.AddWithValue("$body", r.Body);
        command.Parameters.AddWithValue("$byline", (object?)r.Byline ?? DBNull.Value);
        command.Parameters.AddWithValue("$authors", JsonSerializer.Serialize(r.Authors));
        command.Parameters.AddWithValue("$source", (object?)r.Source ?? DBNull.Value);
        command.Parameters.AddWithValue("$contributors", JsonSerializer.Serialize(r.Contributors));
        command.Parameters.AddWithValue("$url", (object?)r.Url ?? DBNull.Value);
        command.Parameters.AddWithValue("$published", (object?)r.Published?.ToString("O") ?? DBNull.Value);
        command.Parameters.AddWithValue("$language", (object?)r.Language ?? DBNull.Value);
        command.Parameters.AddWithValue("$words", r.WordCount);
        command.Parameters.AddWithValue("$category", r.Category);
        command.Parameters.AddWithValue("$confidence", r.Confidence);
        command.Parameters.AddWithValue("$runnerUp", (object?)r.RunnerUp ?? DBNull.Value);
        command.Parameters.AddWithValue("$runnerUpConfidence", (object?)r.RunnerUpConfidence ?? DBNull.Value);
        command.Parameters.AddWithValue("$duplicateOf", (object?)r.DuplicateOf ?? DBNull.Value);
        command.Parameters.AddWithValue("$duplicateOfFile", (object?)r.DuplicateOfFileName ?? DBNull.Value);
        command.Parameters.AddWithValue("$story", r.StoryId);
        command.Parameters.AddWithValue("$similarity", (object?)r.Similarity ?? DBNull.Value);
        command.Parameters.AddWithValue("$method", (object?)r.MatchMethod ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", stored.Fingerprint.BodyHash);
        command.Parameters.AddWithValue("$signature", SignatureCodec.Encode(stored.Fingerprint.Signature));
        command.Parameters.AddWithValue("$received", r.ReceivedAt.ToString("O"));
        command.Parameters.AddWithValue("$processed", r.ProcessedAt.ToString("O"));
    }

    private static ArticleProcessed Read(SqliteDataReader r)
    {
        string? S(string name) => r.IsDBNull(r.GetOrdinal(name)) ? null : r.GetString(r.GetOrdinal(name));
        double? D(string name) => r.IsDBNull(r.GetOrdinal(name)) ? null : r.GetDouble(r.GetOrdinal(name));
        return new ArticleProcessed
        {
            ArticleId = S("article_id")!,
            FileName = S("file_name")!,
            Status = S("status")!,
            Title = S("title")!,
            Body = S("body")!,
            Byline = S("byline"),
            Authors = JsonSerializer.Deserialize<string[]>(S("authors") ?? "[]") ?? [],
            Source = S("source"),
            Contributors = JsonSerializer.Deserialize<string[]>(S("contributors") ?? "[]") ?? [],
            Url = S("url"),
            Published = S("published") is { } p ? DateTimeOffset.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : null,
            Language = S("language"),
            WordCount = r.GetInt32(r.GetOrdinal("word_count")),
            Category = S("category")!,
            Confidence = D("confidence") ?? 0,
            RunnerUp = S("runner_up"),
            RunnerUpConfidence = D("runner_up_confidence"),
            DuplicateOf = S("duplicate_of"),
            DuplicateOfFileName = S("duplicate_of_file_name"),
            StoryId = S("story_id")!,
            Similarity = D("similarity"),
            MatchMethod = S("match_method"),
            ReceivedAt = DateTimeOffset.Parse(S("received_at")!, System.Globalization.CultureInfo.InvariantCulture),
            ProcessedAt = DateTimeOffset.Parse(S("processed_at")!, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
