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

    // MinDf 1: in four rows almost every word is seen once, and the default (2) would prune it.
    private string TinyModel()
    {
        LabelledText[] rows =
        [
            new("Sport", "Goal", "The striker scored a late goal"), new("Sport", "Final", "The keeper saved a penalty in the final"),
            new("Money", "Shares", "Stocks and bonds fell as rates rose"), new("Money", "Profit", "The bank reported quarterly profit"),
        ];
        var model = TopicTrainer.Train(rows, new TrainerSettings { Featurizer = new FeaturizerSettings { HashBits = 12 }, CalibrationFolds = 0, MinDf = 1 });
        var path = Path.Combine(_folder, "model.bin");
        using var stream = File.Create(path);
        model.Save(stream);
        return path;
    }

    [Fact]
    public void Options_ValidModel_LoadsAndClassifies()
    {
        using var services = Services(TinyModel());

        Assert.NotNull(services.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        var classifier = services.GetRequiredService<ITopicClassifier>();
        Assert.Equal("Sport", classifier.Classify("Penalty", "The striker and the keeper").Category);
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
        using var services = Services(TinyModel(), minConfidence: 1.5);

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        Assert.Contains("Classifier:MinConfidence", e.Message);
    }
}
