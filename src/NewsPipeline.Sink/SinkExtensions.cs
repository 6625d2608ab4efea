using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Sink;

public static class SinkExtensions
{
    /// <summary>The record step (duplicate index and recorder): one per process, shared by every sink message and by `process`.</summary>
    public static IServiceCollection AddNewsPipelineSink(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DedupOptions>()
            // Bound when configuration is registered (the host); consumer tests without one get the defaults.
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(DedupOptions.Section).Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DedupOptions>, DedupOptionsValidator>());
        services.TryAddSingleton<IDuplicateIndex>(sp =>
            new DuplicateIndex(sp.GetRequiredService<IOptions<DedupOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SinkMetrics(sp.GetRequiredService<IDuplicateIndex>(), sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<ArticleRecorder>();
        services.TryAddSingleton<EventLogSignal>();
        return services;
    }

    /// <summary>The sink role's start: the duplicate index loads in the background and "dedup-index" readiness waits for it.</summary>
    public static IServiceCollection AddDuplicateIndexLoading(this IServiceCollection services)
    {
        services.AddHostedService<DuplicateIndexLoader>();
        services.AddHealthChecks().AddCheck<DuplicateIndexHealthCheck>("dedup-index", tags: ["ready"]);
        return services;
    }

    public static void AddSinkConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<StoreArticleConsumer, StoreArticleConsumerDefinition>();
        bus.AddConsumer<RejectFaultedArticleConsumer>();
        bus.AddConsumer<LogRejectionConsumer>().Endpoint(e => e.Name = Contracts.Endpoints.EventLog);
    }
}
