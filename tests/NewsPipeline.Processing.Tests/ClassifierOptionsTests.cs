using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Classification;

namespace NewsPipeline.Processing.Tests;

public sealed class ClassifierOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("np-classifier-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceProvider Services(string modelPath, double minConfidence = 0)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Classifier:ModelPath"] = modelPath,
            ["Classifier:MinConfidence"] = minConfidence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddNewsPipelineProcessing().BuildServiceProvider();
    }

    // The committed default model (linked into the test output): training one here would need NewsPipeline.Evaluation,
    // which only the executable references.
    private static string DefaultModel => Path.Combine(AppContext.BaseDirectory, "Models", "topic-model.bin");

    [Fact]
    public void Options_ValidModel_LoadsAndClassifies()
    {
        using var services = Services(DefaultModel);

        Assert.NotNull(services.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        var classifier = services.GetRequiredService<ITopicClassifier>();
        Assert.Equal("Sports", classifier.Classify("Penalty", "The striker scored and the keeper saved a penalty in the final").Category);
    }

    [Fact]
    public void Options_MissingModel_FailsNamingKey()
    {
        using var services = Services(Path.Combine(_folder, "absent.bin"));

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        Assert.Contains("Classifier:ModelPath", e.Message);
    }

    [Fact]
    public void Options_CorruptModel_FailsNamingKey()
    {
        var path = Path.Combine(_folder, "corrupt.bin");
        File.WriteAllText(path, "placeholder");
        using var services = Services(path);

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        Assert.Contains("Classifier:ModelPath", e.Message);
        Assert.Contains("not a usable topic model", e.Message);
    }

    [Fact]
    public void Options_MinConfidenceOutOfRange_FailsNamingKey()
    {
        using var services = Services(DefaultModel, minConfidence: 1.5);

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        Assert.Contains("Classifier:MinConfidence", e.Message);
    }
}
