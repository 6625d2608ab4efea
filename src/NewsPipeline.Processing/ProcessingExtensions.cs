using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Processing;

public static class ProcessingExtensions
{
    /// <summary>The analyse step and the Core stages it runs, with the topic model loaded once from the configured file.</summary>
    public static IServiceCollection AddNewsPipelineProcessing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TopicModelHolder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClassifierOptions>, ClassifierOptionsValidator>());
        services.AddOptions<ClassifierOptions>()
            .BindConfiguration(ClassifierOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>());
        services.AddOptions<WorkerOptions>()
            .BindConfiguration(WorkerOptions.Section)
            .ValidateOnStart();
        services.TryAddSingleton<IArticleNormaliser, ArticleNormaliser>();
        services.TryAddSingleton<IFingerprinter, Fingerprinter>();
        services.TryAddSingleton<ITopicClassifier>(sp =>
            sp.GetRequiredService<TopicModelHolder>().Get(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value.ResolvedModelPath));
        services.TryAddSingleton(sp => new ArticleAnalyser(
            sp.GetRequiredService<IArticleNormaliser>(),
            sp.GetRequiredService<IFingerprinter>(),
            sp.GetRequiredService<ITopicClassifier>(),
            sp.GetRequiredService<IOptions<ClassifierOptions>>().Value.MinConfidence,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ProcessingMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<AnalyseStep>();
        return services;
    }

    public static void AddProcessingConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AnalyseArticleConsumer, AnalyseArticleConsumerDefinition>();
        bus.AddConsumer<FaultRejectionConsumer>();
    }

    /// <summary>Reads a model file; a corrupt file throws <see cref="InvalidDataException"/> naming the path.</summary>
    public static TopicModel LoadModel(string path)
    {
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        try
        {
            return TopicModel.Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}': {e.Message}", e);
        }
    }
}
