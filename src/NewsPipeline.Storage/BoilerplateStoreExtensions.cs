using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage;

public static class BoilerplateStoreExtensions
{
    /// <summary>
    /// Registers the learned-boilerplate store in the database the "Store" section names (the SQLite file of
    /// Store:SqlitePath, or PostgreSQL). With it registered, the DI container builds
    /// <c>ArticleNormaliser(IBoilerplateStore)</c>, so plain text learns and uses it.
    /// </summary>
    public static IServiceCollection AddBoilerplateStore(this IServiceCollection services)
    {
        // A worker-only process has no article store of its own, but still needs to know where the shared one is.
        services.AddValidatedStoreOptions();
        // By its own type too: `process` registers a decorator as IBoilerplateStore first, and TryAdd keeps it.
        services.AddSingleton<PersistentBoilerplateStore>(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value is { IsPostgres: true } o
            ? new PostgresBoilerplateStore(o.PostgresConnectionString!, BoilerplateLines.DefaultMinArticles, sp.GetService<TimeProvider>(), Logger(sp))
            : new SqliteBoilerplateStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqlitePath, BoilerplateLines.DefaultMinArticles,
                sp.GetService<TimeProvider>(), Logger(sp)));
        services.TryAddSingleton<IBoilerplateStore>(sp => sp.GetRequiredService<PersistentBoilerplateStore>());
        services.TryAddSingleton(sp => new StorageMetrics(sp.GetRequiredService<PersistentBoilerplateStore>(), sp.GetService<IMeterFactory>()));
        return services;
    }

    private static ILogger? Logger(IServiceProvider sp) => sp.GetService<ILoggerFactory>()?.CreateLogger<PersistentBoilerplateStore>();
}
