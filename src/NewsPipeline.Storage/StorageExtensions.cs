using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Ports;
using Npgsql;

namespace NewsPipeline.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the store named by the "Store" section behind <see cref="IArticleStore"/>.</summary>
    public static IServiceCollection AddNewsPipelineStore(this IServiceCollection services)
    {
        services.AddValidatedStoreOptions();
        services.AddSingleton<IArticleStore>(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value is { IsPostgres: true } o
            ? new PostgresArticleStore(o.PostgresConnectionString!)
            : new SqliteArticleStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqlitePath));
        return services;
    }

    /// <summary>The "Store" section, checked at start-up: every process that opens the database validates it.</summary>
    internal static IServiceCollection AddValidatedStoreOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StoreOptionsMarker)))
            return services;
        services.AddSingleton<StoreOptionsMarker>();
        services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.Section)
            .Validate(o => o.IsPostgres || string.Equals(o.Provider, StoreOptions.Sqlite, StringComparison.OrdinalIgnoreCase),
                "Store:Provider must be 'Sqlite' or 'Postgres'")
            .Validate(o => o.IsPostgres || !string.IsNullOrWhiteSpace(o.SqlitePath), "Store:SqlitePath must be set")
            .Validate(o => !o.IsPostgres || IsValidConnectionString(o.PostgresConnectionString),
                "Store:PostgresConnectionString must be a valid Npgsql connection string when Store:Provider is 'Postgres'")
            .ValidateOnStart();
        return services;
    }

    private sealed class StoreOptionsMarker;

    private static bool IsValidConnectionString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return false;
        try
        {
            return !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(value).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
