namespace NewsPipeline.Storage;

/// <summary>Config section "Store": which implementation serves the ports, and where it lives.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>"Sqlite" (default). PostgreSQL follows.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>SQLite database file; relative paths resolve against the working directory.</summary>
    public string SqlitePath { get; set; } = "data/newspipeline.db";
}
