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
    /// <summary>The Core stages a worker runs, with the topic model loaded once from the configured file.</summary>
    public static IServiceCollection AddNewsPipelineProcessing(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ClassifierOptions>()
            .BindConfiguration(ClassifierOptions.Section)
            .Validate(o => o.MinConfidence is >= 0 and <= 1, "Classifier:MinConfidence must be between 0 and 1")
            .Validate(o => File.Exists(o.ResolvedModelPath), "Classifier:ModelPath does not name an existing model file")
            .ValidateOnStart();
        services.TryAddSingleton<IArticleNormaliser, ArticleNormaliser>();
        services.TryAddSingleton<IFingerprinter, Fingerprinter>();
        services.TryAddSingleton<ITopicClassifier>(sp => LoadModel(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value.ResolvedModelPath));
        services.TryAddSingleton(sp => new ArticleAnalyser(
            sp.GetRequiredService<IArticleNormaliser>(),
            sp.GetRequiredService<IFingerprinter>(),
            sp.GetRequiredService<ITopicClassifier>(),
            sp.GetRequiredService<IOptions<ClassifierOptions>>().Value.MinConfidence));
        return services;
    }

    public static void AddProcessingConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AnalyseArticleConsumer, AnalyseArticleConsumerDefinition>();
        bus.AddConsumer<FaultRejectionConsumer>();
    }

    public static TopicModel LoadModel(string path)
    {
        using var stream = File.OpenRead(path);
        return TopicModel.Load(stream);
    }
}
