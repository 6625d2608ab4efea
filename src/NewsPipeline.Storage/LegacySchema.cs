using System.Data.Common;

namespace NewsPipeline.Storage;

/// <summary>
/// Databases created before migrations (no journal table) were kept up to date at start by adding the columns they
/// lacked. Some may still be older than the release before migrations: this brings them to exactly the shape of
/// script 001 once, before the scripts run. Frozen: later columns come through numbered scripts, never here.
/// </summary>
internal static class LegacySchema
{
    /// <summary>The article columns of script 001 (the deliveries' ones are those marked InDeliveries among them).</summary>
    private static readonly IReadOnlyList<string> Articles =
    [
        "article_id", "file_name", "claim_id", "status", "title", "body", "byline", "authors", "source", "contributors", "url",
        "published", "modified", "language", "word_count", "category", "confidence", "runner_up", "runner_up_confidence",
        "duplicate_of", "duplicate_of_file_name", "story_id", "similarity", "match_method", "match_signal", "received_at", "processed_at",
    ];

    private static readonly IReadOnlyList<ArticleColumn> Columns = [.. Articles.Select(name => ArticleColumns.All.Single(c => c.Name == name))];
    private static readonly IReadOnlyList<ArticleColumn> Deliveries = [.. Columns.Where(c => c.InDeliveries)];

    /// <summary>Names DbUp gives its journal table; its presence means the database is migrated by scripts.</summary>
    private const string Journal = "schemaversions";

    public static async Task UpgradeAsync(DbConnection connection, StoreDialect dialect, CancellationToken cancellationToken)
    {
        if (!await dialect.TableExistsAsync(connection, "articles", cancellationToken) || await dialect.TableExistsAsync(connection, Journal, cancellationToken))
            return;
        foreach (var table in (string[])["articles", "deliveries"])
        {
            if (!await dialect.TableExistsAsync(connection, table, cancellationToken))
                continue;
            var existing = await dialect.ColumnsAsync(connection, table, cancellationToken);
            // One transaction: a crash part-way through a rebuild leaves the old table as it was.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in MissingColumns(table, existing, dialect))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Columns added to an older database are nullable: its older rows have no value for them (they read as empty).</summary>
    private static IEnumerable<string> MissingColumns(string table, IReadOnlySet<string> existing, StoreDialect dialect) =>
        table == "deliveries" && !existing.Contains("claim_id")
            ? [DeliveriesWithClaims(existing, dialect)]
            : (table == "articles" ? Columns : Deliveries).Where(c => !existing.Contains(c.Name))
                .Select(c => $"ALTER TABLE {table} ADD COLUMN {c.Name} {dialect.SqlType(c.Kind)}");

    /// <summary>
    /// A database from before claims keyed deliveries by (article_id, file_name); its rows move into the new table as
    /// deliveries without a claim ("").
    /// </summary>
    private static string DeliveriesWithClaims(IReadOnlySet<string> existing, StoreDialect dialect)
    {
        var kept = Deliveries.Where(c => existing.Contains(c.Name)).Select(c => c.Name).ToList();
        var definitions = Deliveries.Select(c =>
            $"{c.Name} {dialect.SqlType(c.Kind)}{(c.IsRequired || c.Kind == ColumnKind.TextList ? " NOT NULL" : "")}");
        return $"""
            ALTER TABLE deliveries RENAME TO deliveries_before_claims;
            CREATE TABLE deliveries ({string.Join(", ", definitions)}, PRIMARY KEY (article_id, file_name, claim_id));
            INSERT INTO deliveries ({string.Join(", ", kept)}, claim_id) SELECT {string.Join(", ", kept)}, '' FROM deliveries_before_claims;
            DROP TABLE deliveries_before_claims;
            """;
    }
}
