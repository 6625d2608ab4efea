using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Ports;
using Npgsql;

namespace NewsPipeline.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the store named by the "Store" section behind <see cref="IArticleStore"/>, with what comes with it: the
    /// schema is created at start, before any message is consumed, and the "store" readiness check.
    /// </summary>
    public static IServiceCollection AddNewsPipelineStore(this IServiceCollection services)
    {
        services.AddValidatedStoreOptions();
        services.TryAddSingleton<IArticleStore>(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value is { IsPostgres: true } o
            ? SqlArticleStore.Postgres(o.PostgresConnectionString!)
            : SqlArticleStore.Sqlite(sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqlitePath));
        services.AddHostedService<StoreInitialiser>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }

    /// <summary>The "Store" section, checked at start-up: every process that opens the database validates it.</summary>
    internal static IServiceCollection AddValidatedStoreOptions(this IServiceCollection services)
    {
        // Both the sink's store and the workers' boilerplate store call this; TryAddEnumerable keeps one validator.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        return services;
    }

    private sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, StoreOptions o)
        {
            var errors = new List<string>();
            if (!o.IsPostgres && !string.Equals(o.Provider, StoreOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
                errors.Add("Store:Provider must be 'Sqlite' or 'Postgres'");
            if (!o.IsPostgres && string.IsNullOrWhiteSpace(o.SqlitePath))
                errors.Add("Store:SqlitePath must be set");
            if (o.IsPostgres && !IsValidConnectionString(o.PostgresConnectionString))
                errors.Add("Store:PostgresConnectionString must be a valid Npgsql connection string when Store:Provider is 'Postgres'");
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }

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
