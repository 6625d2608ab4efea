using System.Data.Common;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage;

/// <summary>How a column's value is kept; each store maps a kind to its own SQL type and conversion.</summary>
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
/// The stored columns of <see cref="ArticleProcessed"/>, written once for both stores: their schema, inserts, selects,
/// binding and reading are generated from this list. A new field is one line here; a store that lacks its column gets
/// it added at start (<c>InitialiseAsync</c>), so existing databases keep working.
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

    public static readonly IReadOnlyList<string> Tables = ["articles", "deliveries"];

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

    public static string CreateTables(SqlDialect sql) => $"""
        CREATE TABLE IF NOT EXISTS articles (
            {sql.ArticleKey},
            {string.Join(", ", All.Select(c => Definition(c, sql) + (c.Name == "article_id" ? " UNIQUE" : "")))},
            body_hash TEXT NOT NULL, signature {sql.BlobType});
        CREATE INDEX IF NOT EXISTS ix_articles_story ON articles(story_id);
        {CreateDeliveries(sql)}
        {EventLog.Create(sql)}
        """;

    /// <summary>One row per delivery: one claim of one file (a file dropped again is a new claim, so a new row).</summary>
    private static string CreateDeliveries(SqlDialect sql) => $"""
        CREATE TABLE IF NOT EXISTS deliveries (
            {string.Join(", ", Deliveries.Select(c => Definition(c, sql)))},
            PRIMARY KEY (article_id, file_name, claim_id));
        """;

    /// <summary>
    /// A database from before claims keyed deliveries by (article_id, file_name); its rows move into the new table as
    /// deliveries without a claim ("").
    /// </summary>
    public static string RebuildDeliveriesWithClaims(IReadOnlySet<string> existing, SqlDialect sql)
    {
        var kept = Deliveries.Where(c => existing.Contains(c.Name)).Select(c => c.Name).ToList();
        return $"""
            ALTER TABLE deliveries RENAME TO deliveries_before_claims;
            {CreateDeliveries(sql)}
            INSERT INTO deliveries ({string.Join(", ", kept)}, claim_id) SELECT {string.Join(", ", kept)}, '' FROM deliveries_before_claims;
            DROP TABLE deliveries_before_claims;
            """;
    }

    /// <summary>
    /// The statements that add what an older database lacks. Such columns are nullable: its older rows have no value
    /// for them (they read as <see cref="Empty"/>).
    /// </summary>
    public static IEnumerable<string> AddMissingColumns(string table, IReadOnlySet<string> existing, SqlDialect sql) =>
        table == "deliveries" && !existing.Contains("claim_id")
            ? [RebuildDeliveriesWithClaims(existing, sql)]
            : (table == "articles" ? All : Deliveries).Where(c => !existing.Contains(c.Name))
                .Select(c => $"ALTER TABLE {table} ADD COLUMN {c.Name} {sql.Type(c.Kind)}");

    /// <summary>Inserted once per ArticleId: a second delivery of the same content leaves the row as it is.</summary>
    public static string InsertArticle(SqlDialect sql) =>
        $"{sql.InsertIgnoring} INTO articles ({string.Join(", ", All.Select(c => c.Name))}, body_hash, signature) "
        + $"VALUES ({string.Join(", ", All.Select(c => sql.Parameter + c.Name))}, {sql.Parameter}body_hash, {sql.Parameter}signature) {sql.OnConflictIgnore}";

    /// <summary>Inserted once per (ArticleId, FileName): a redelivery leaves the first outcome as it is.</summary>
    public static string InsertDelivery(SqlDialect sql) =>
        $"{sql.InsertIgnoring} INTO deliveries ({string.Join(", ", Deliveries.Select(c => c.Name))}) "
        + $"VALUES ({string.Join(", ", Deliveries.Select(c => sql.Parameter + c.Name))}) {sql.OnConflictIgnore}";

    public static string SelectArticle(SqlDialect sql) =>
        $"SELECT {string.Join(", ", All.Select(c => c.Name))} FROM articles WHERE article_id = {sql.Parameter}id";

    /// <summary>The article's content with this delivery's own outcome, and (last) its cursor.</summary>
    public static string SelectDelivery(SqlDialect sql) =>
        $"SELECT {string.Join(", ", All.Select(c => (c.InDeliveries ? "d." : "a.") + c.Name))}, {EventLog.DeliveryCursor} "
        + $"FROM deliveries d JOIN articles a ON a.article_id = d.article_id WHERE d.article_id = {sql.Parameter}id AND d.file_name = {sql.Parameter}file AND d.claim_id = {sql.Parameter}claim";

    private static string Definition(ArticleColumn column, SqlDialect sql) =>
        $"{column.Name} {sql.Type(column.Kind)}{(column.IsRequired || column.Kind == ColumnKind.TextList ? " NOT NULL" : "")}";
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

    public static string Create(SqlDialect sql) => $"""
        CREATE TABLE IF NOT EXISTS events (
            {sql.EventKey},
            event TEXT NOT NULL, article_id TEXT NOT NULL, file_name TEXT NOT NULL, claim_id TEXT NOT NULL,
            stage TEXT, reason TEXT, rejected_at {sql.Type(ColumnKind.Time)},
            UNIQUE (event, article_id, file_name, claim_id));
        """;

    /// <summary>
    /// A database from before the log: its deliveries become the log's first events, in the order they were processed,
    /// so a subscriber starting from cursor 0 sees every stored outcome. (Their rejections were never stored.)
    /// </summary>
    public const string Backfill =
        $"INSERT INTO events (event, article_id, file_name, claim_id) SELECT '{Processed}', article_id, file_name, claim_id FROM deliveries ORDER BY processed_at, article_id, file_name";

    // Plain INSERT with a no-op update on conflict, not INSERT-OR-IGNORE: RETURNING then gives the cursor of a row that
    // was already there too (SQLite 3.35+ and PostgreSQL read this statement the same way).
    private const string Returning = " ON CONFLICT (event, article_id, file_name, claim_id) DO UPDATE SET event = excluded.event RETURNING seq";

    public static string InsertProcessed(SqlDialect sql) =>
        $"INSERT INTO events (event, article_id, file_name, claim_id) VALUES ('{Processed}', {sql.Parameter}article_id, {sql.Parameter}file_name, {sql.Parameter}claim_id)" + Returning;

    public static string InsertRejected(SqlDialect sql) =>
        $"INSERT INTO events (event, article_id, file_name, claim_id, stage, reason, rejected_at) VALUES ('{Rejected}', "
        + $"{sql.Parameter}article_id, {sql.Parameter}file_name, {sql.Parameter}claim_id, {sql.Parameter}stage, {sql.Parameter}reason, {sql.Parameter}rejected_at)" + Returning;

    /// <summary>The cursor of a delivery's processed event, as the extra last column of <see cref="ArticleColumns.SelectDelivery"/>.</summary>
    public const string DeliveryCursor =
        $"(SELECT e.seq FROM events e WHERE e.event = '{Processed}' AND e.article_id = d.article_id AND e.file_name = d.file_name AND e.claim_id = d.claim_id)";

    /// <summary>
    /// One row of <see cref="SelectAfter"/>, its cursor set on the event itself so that what /events sends carries it;
    /// null for a processed event whose article was removed. Only reading a time and an article differ between stores.
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
    public static string SelectAfter(SqlDialect sql) =>
        "SELECT e.seq, e.event, e.article_id, e.file_name, e.claim_id, e.stage, e.reason, e.rejected_at, "
        + string.Join(", ", ArticleColumns.All.Select(c => (c.InDeliveries ? "d." : "a.") + c.Name))
        + $" FROM events e LEFT JOIN deliveries d ON e.event = '{Processed}' AND d.article_id = e.article_id AND d.file_name = e.file_name AND d.claim_id = e.claim_id"
        + " LEFT JOIN articles a ON a.article_id = d.article_id"
        + $" WHERE e.seq > {sql.Parameter}cursor ORDER BY e.seq LIMIT {sql.Parameter}max";

    public const string SelectLast = "SELECT COALESCE(MAX(seq), 0) FROM events";

    /// <summary>Only the processed events: the rejection still happened, the removed article's content is gone.</summary>
    public static string DeleteProcessed(SqlDialect sql) => $"DELETE FROM events WHERE event = '{Processed}' AND article_id = {sql.Parameter}id";
}

/// <summary>What differs between the two stores' SQL; everything else is generated the same way.</summary>
/// <param name="Parameter">Placeholder prefix: "$" (SQLite) or "@" (Npgsql).</param>
/// <param name="EventKey">The event log's key: it must never reuse a number, even after the newest row is deleted.</param>
/// <param name="InsertIgnoring">"INSERT OR IGNORE" or "INSERT", with <paramref name="OnConflictIgnore"/> after the values.</param>
internal sealed record SqlDialect(string Parameter, string InsertIgnoring, string OnConflictIgnore, string ArticleKey, string EventKey, string BlobType, Func<ColumnKind, string> Type);
