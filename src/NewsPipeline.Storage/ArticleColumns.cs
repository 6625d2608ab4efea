using System.Data.Common;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage;

/// <summary>How a column's value is kept; each dialect maps a kind to its own SQL type and conversion.</summary>
internal enum ColumnKind
{
    Text,
    RequiredText,
    TextList,
    Time,
    RequiredTime,
    Integer,
    Real,
    RequiredReal,
}

/// <param name="InDeliveries">Also a column of the deliveries table: this file's own outcome, not the article's content.</param>
internal sealed record ArticleColumn(string Name, ColumnKind Kind, bool InDeliveries, Func<ArticleProcessed, object?> Get, Func<ArticleProcessed, object?, ArticleProcessed> Set)
{
    public bool IsRequired => Kind is ColumnKind.RequiredText or ColumnKind.RequiredTime or ColumnKind.Integer or ColumnKind.RequiredReal;
}

/// <summary>
/// The stored columns of <see cref="ArticleProcessed"/>, written once for both databases: inserts, selects, binding and
/// reading are generated from this list. A new field is one line here and a numbered script under Migrations/ (one per
/// dialect) that adds its column; its older rows read as <see cref="Empty"/>.
/// </summary>
internal static class ArticleColumns
{
    public static readonly IReadOnlyList<ArticleColumn> All =
    [
        new("article_id", ColumnKind.RequiredText, true, a => a.ArticleId, (a, v) => a with { ArticleId = (string)v! }),
        new("file_name", ColumnKind.RequiredText, true, a => a.FileName, (a, v) => a with { FileName = (string)v! }),
        new("claim_id", ColumnKind.RequiredText, true, a => a.ClaimId, (a, v) => a with { ClaimId = (string)v! }),
        new("status", ColumnKind.RequiredText, true, a => a.Status, (a, v) => a with { Status = (string)v! }),
        new("title", ColumnKind.RequiredText, false, a => a.Title, (a, v) => a with { Title = (string)v! }),
        new("body", ColumnKind.RequiredText, false, a => a.Body, (a, v) => a with { Body = (string)v! }),
        new("byline", ColumnKind.Text, false, a => a.Byline, (a, v) => a with { Byline = (string?)v }),
        new("authors", ColumnKind.TextList, false, a => a.Authors, (a, v) => a with { Authors = (IReadOnlyList<string>)v! }),
        new("source", ColumnKind.Text, false, a => a.Source, (a, v) => a with { Source = (string?)v }),
        new("contributors", ColumnKind.TextList, false, a => a.Contributors, (a, v) => a with { Contributors = (IReadOnlyList<string>)v! }),
        new("url", ColumnKind.Text, false, a => a.Url, (a, v) => a with { Url = (string?)v }),
        new("published", ColumnKind.Time, false, a => a.Published, (a, v) => a with { Published = (DateTimeOffset?)v }),
        new("modified", ColumnKind.Time, false, a => a.Modified, (a, v) => a with { Modified = (DateTimeOffset?)v }),
        new("language", ColumnKind.Text, false, a => a.Language, (a, v) => a with { Language = (string?)v }),
        new("word_count", ColumnKind.Integer, false, a => a.WordCount, (a, v) => a with { WordCount = (int)v! }),
        new("category", ColumnKind.RequiredText, false, a => a.Category, (a, v) => a with { Category = (string)v! }),
        new("confidence", ColumnKind.RequiredReal, false, a => a.Confidence, (a, v) => a with { Confidence = (double)v! }),
        new("runner_up", ColumnKind.Text, false, a => a.RunnerUp, (a, v) => a with { RunnerUp = (string?)v }),
        new("runner_up_confidence", ColumnKind.Real, false, a => a.RunnerUpConfidence, (a, v) => a with { RunnerUpConfidence = (double?)v }),
        new("duplicate_of", ColumnKind.Text, true, a => a.DuplicateOf, (a, v) => a with { DuplicateOf = (string?)v }),
        new("duplicate_of_file_name", ColumnKind.Text, true, a => a.DuplicateOfFileName, (a, v) => a with { DuplicateOfFileName = (string?)v }),
        new("story_id", ColumnKind.RequiredText, true, a => a.StoryId, (a, v) => a with { StoryId = (string)v! }),
        new("similarity", ColumnKind.Real, true, a => a.Similarity, (a, v) => a with { Similarity = (double?)v }),
        new("match_method", ColumnKind.Text, true, a => a.MatchMethod, (a, v) => a with { MatchMethod = (string?)v }),
        new("match_signal", ColumnKind.Text, true, a => a.MatchSignal, (a, v) => a with { MatchSignal = (string?)v }),
        new("received_at", ColumnKind.RequiredTime, true, a => a.ReceivedAt, (a, v) => a with { ReceivedAt = (DateTimeOffset)v! }),
        new("processed_at", ColumnKind.RequiredTime, true, a => a.ProcessedAt, (a, v) => a with { ProcessedAt = (DateTimeOffset)v! }),
    ];

    public static readonly IReadOnlyList<ArticleColumn> Deliveries = [.. All.Where(c => c.InDeliveries)];

    /// <summary>The value a missing (NULL) required column reads as: a column added to an existing database is empty there.</summary>
    public static object? Empty(ColumnKind kind) => kind switch
    {
        ColumnKind.RequiredText => "",
        ColumnKind.TextList => Array.Empty<string>(),
        ColumnKind.RequiredTime => DateTimeOffset.UnixEpoch,
        ColumnKind.Integer => 0,
        ColumnKind.RequiredReal => 0.0,
        _ => null,
    };

    /// <summary>Builds the event from the values of <see cref="All"/>, in that order.</summary>
    public static ArticleProcessed Read(Func<int, ArticleColumn, object?> value)
    {
        var article = new ArticleProcessed
        {
            ArticleId = "", FileName = "", Status = "", Title = "", Body = "", Category = "", StoryId = "",
            ReceivedAt = DateTimeOffset.UnixEpoch, ProcessedAt = DateTimeOffset.UnixEpoch,
        };
        for (var i = 0; i < All.Count; i++)
            article = All[i].Set(article, value(i, All[i]) ?? Empty(All[i].Kind));
        return article;
    }

    /// <summary>Inserted once per ArticleId: a second delivery of the same content leaves the row as it is.</summary>
    public static readonly string InsertArticle =
        $"INSERT INTO articles ({string.Join(", ", All.Select(c => c.Name))}, body_hash, signature) "
        + $"VALUES ({string.Join(", ", All.Select(c => "@" + c.Name))}, @body_hash, @signature) ON CONFLICT DO NOTHING";

    /// <summary>Inserted once per delivery (ArticleId, FileName, ClaimId): a redelivery leaves the first outcome as it is.</summary>
    public static readonly string InsertDelivery =
        $"INSERT INTO deliveries ({string.Join(", ", Deliveries.Select(c => c.Name))}) "
        + $"VALUES ({string.Join(", ", Deliveries.Select(c => "@" + c.Name))}) ON CONFLICT DO NOTHING";

    public static readonly string SelectArticle =
        $"SELECT {string.Join(", ", All.Select(c => c.Name))} FROM articles WHERE article_id = @id";

    /// <summary>The article's content with this delivery's own outcome, and (last) its cursor.</summary>
    public static readonly string SelectDelivery =
        $"SELECT {string.Join(", ", All.Select(c => (c.InDeliveries ? "d." : "a.") + c.Name))}, {EventLog.DeliveryCursor} "
        + "FROM deliveries d JOIN articles a ON a.article_id = d.article_id WHERE d.article_id = @id AND d.file_name = @file AND d.claim_id = @claim";

    /// <summary>What the duplicate index needs of the articles after a sequence number, oldest first (seq is the arrival order).</summary>
    public const string SelectDedupEntries =
        "SELECT seq, article_id, file_name, story_id, body_hash, signature, received_at FROM articles WHERE seq > @after ORDER BY seq LIMIT @max";
}

/// <summary>
/// The ordered event log: one row per public event, its <c>seq</c> the subscribers' cursor. A processed event points at
/// its delivery row (the event is read back from deliveries + articles, so the body is not stored twice); a rejection
/// keeps its own fields. Unique per (event, ArticleId, FileName, ClaimId), the identity its MessageId is derived from,
/// so a redelivered event is logged once.
/// </summary>
internal static class EventLog
{
    public const string Processed = nameof(ArticleProcessed);
    public const string Rejected = nameof(ArticleRejected);

    /// <summary>The columns read before the article's (<see cref="ArticleColumns.All"/>) in <see cref="SelectAfter"/>.</summary>
    public const int ArticleOffset = 8;

    // Plain INSERT with a no-op update on conflict, not INSERT-OR-IGNORE: RETURNING then gives the cursor of a row that
    // was already there too (SQLite 3.35+ and PostgreSQL read this statement the same way).
    private const string Returning = " ON CONFLICT (event, article_id, file_name, claim_id) DO UPDATE SET event = excluded.event RETURNING seq";

    public const string InsertProcessed =
        $"INSERT INTO events (event, article_id, file_name, claim_id) VALUES ('{Processed}', @article_id, @file_name, @claim_id)" + Returning;

    public const string InsertRejected =
        $"INSERT INTO events (event, article_id, file_name, claim_id, stage, reason, rejected_at) VALUES ('{Rejected}', "
        + "@article_id, @file_name, @claim_id, @stage, @reason, @rejected_at)" + Returning;

    /// <summary>The cursor of a delivery's processed event, as the extra last column of <see cref="ArticleColumns.SelectDelivery"/>.</summary>
    public const string DeliveryCursor =
        $"(SELECT e.seq FROM events e WHERE e.event = '{Processed}' AND e.article_id = d.article_id AND e.file_name = d.file_name AND e.claim_id = d.claim_id)";

    /// <summary>
    /// One row of <see cref="SelectAfter"/>, its cursor set on the event itself so that what /events sends carries it;
    /// null for a processed event whose article was removed. Reading a time and an article is the dialect's.
    /// </summary>
    public static LoggedEvent? Read(DbDataReader r, Func<int, DateTimeOffset> time, Func<int, ArticleProcessed> article)
    {
        var seq = r.GetInt64(0);
        if (r.GetString(1) == Rejected)
            return new(seq, null, new ArticleRejected(r.GetString(2), r.GetString(3), r.GetString(5), r.GetString(6), time(7), r.GetString(4), seq));
        return r.IsDBNull(ArticleOffset) ? null : new(seq, article(ArticleOffset) with { Cursor = seq }, null);
    }

    /// <summary>The delivery's cursor, read from the last column of <see cref="ArticleColumns.SelectDelivery"/> when the row has it.</summary>
    public static ArticleProcessed WithCursor(ArticleProcessed article, DbDataReader r) =>
        r.FieldCount > ArticleColumns.All.Count && !r.IsDBNull(ArticleColumns.All.Count) ? article with { Cursor = r.GetInt64(ArticleColumns.All.Count) } : article;

    /// <summary>Events after a cursor with, for processed ones, the delivery's outcome and the article's content.</summary>
    public static readonly string SelectAfter =
        "SELECT e.seq, e.event, e.article_id, e.file_name, e.claim_id, e.stage, e.reason, e.rejected_at, "
        + string.Join(", ", ArticleColumns.All.Select(c => (c.InDeliveries ? "d." : "a.") + c.Name))
        + $" FROM events e LEFT JOIN deliveries d ON e.event = '{Processed}' AND d.article_id = e.article_id AND d.file_name = e.file_name AND d.claim_id = e.claim_id"
        + " LEFT JOIN articles a ON a.article_id = d.article_id"
        + " WHERE e.seq > @cursor ORDER BY e.seq LIMIT @max";

    public const string SelectLast = "SELECT COALESCE(MAX(seq), 0) FROM events";

    /// <summary>Only the processed events: the rejection still happened, the removed article's content is gone.</summary>
    public const string DeleteProcessed = $"DELETE FROM events WHERE event = '{Processed}' AND article_id = @id";
}
