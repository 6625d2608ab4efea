namespace NewsPipeline.Storage;

/// <summary>Config section "Store": which implementation serves the ports, and where it lives.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>"Sqlite" (default: embedded, one file) or "Postgres" (the scaled-out shape).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>SQLite database file; relative paths resolve against the working directory.</summary>
    public string SqlitePath { get; set; } = "data/newspipeline.db";

    /// <summary>Npgsql connection string, e.g. "Host=localhost;Username=newspipeline;Password=…;Database=newspipeline".</summary>
    public string? PostgresConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}
