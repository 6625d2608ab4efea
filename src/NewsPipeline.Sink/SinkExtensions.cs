using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Sink;

public static class SinkExtensions
{
    /// <summary>The duplicate index and the recorder: one per process, shared by every sink message.</summary>
    public static IServiceCollection AddNewsPipelineSink(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDuplicateIndex>(_ => new DuplicateIndex());
        services.TryAddSingleton<ArticleRecorder>();
        return services;
    }

    public static void AddSinkConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<StoreArticleConsumer, StoreArticleConsumerDefinition>();
}
