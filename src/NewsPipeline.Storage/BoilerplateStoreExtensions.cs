using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Storage;

public static class BoilerplateStoreExtensions
{
    /// <summary>
    /// Registers the learned-boilerplate store in the same SQLite file as the articles (Store:SqlitePath). With it
    /// registered, the DI container builds <c>ArticleNormaliser(IBoilerplateStore)</c>, so plain text learns and uses it.
    /// </summary>
    public static IServiceCollection AddSqliteBoilerplateStore(this IServiceCollection services)
    {
        // A worker-only process has no store of its own, but still needs to know where the shared file is.
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section);
        services.AddSingleton<IBoilerplateStore>(sp =>
            new SqliteBoilerplateStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqlitePath, BoilerplateLines.DefaultMinArticles,
                sp.GetService<TimeProvider>()));
        return services;
    }
}
