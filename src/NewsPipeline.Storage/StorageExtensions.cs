using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the store named by the "Store" section behind <see cref="IArticleStore"/>.</summary>
    public static IServiceCollection AddNewsPipelineStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>()
            .BindConfiguration(StoreOptions.Section)
            .Validate(o => string.Equals(o.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase),
                "Store:Provider must be 'Sqlite'")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SqlitePath), "Store:SqlitePath must be set")
            .ValidateOnStart();
        services.AddSingleton<IArticleStore>(sp =>
            new SqliteArticleStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value.SqlitePath));
        return services;
    }
}
