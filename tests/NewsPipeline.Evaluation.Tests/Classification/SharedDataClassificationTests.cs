using NewsPipeline.Evaluation.Classification;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.Evaluation.Tests.Classification;

/// <summary>
/// Accuracy floors on the shared evaluation data (../shared/data next to the repository), a little under the
/// measured figures (README-classify.md); reported Skipped, naming the missing file, where the data is absent.
/// </summary>
public sealed class SharedDataClassificationTests(ITestOutputHelper output)
{
    private static IReadOnlyList<LabelledText> Read(string path)
    {
        using var reader = new StreamReader(path);
        return TrainingSetParser.Parse(reader, jsonLines: false);
    }

    [SharedDataFact("ag-news", "ag_news_test.csv")]
    public void CrossValidate_AgNewsTwoFolds_AboveFloor()
    {
        var path = Path.Combine(SharedData.Require("ag-news", "ag_news_test.csv"), "ag_news_test.csv");

        // Two folds (half the training data of the 5-fold figure) keep this test's runtime modest.
        var report = CrossValidation.Run(Read(path), 2, new TrainerSettings());

        output.WriteLine(report.ToString());
        Assert.True(report.Accuracy >= 0.86, $"AG News 2-fold accuracy {report.Accuracy:F4}");
        var confident = report.Calibration[^1];
        Assert.True(confident.Count > 1000 && confident.Accuracy >= 0.94, $"p >= 0.9: {confident.Count} items, accuracy {confident.Accuracy:F4}");
    }

    [SharedDataFact("reuters", "r8_train.csv")]
    public void TrainTest_ReutersR8_AboveFloor()
    {
        var folder = SharedData.Require("reuters", "r8_train.csv");

        // No temperature fit: this checks accuracy only, and skipping it divides the training time by three.
        var model = TopicTrainer.Train(Read(Path.Combine(folder, "r8_train.csv")), new TrainerSettings { CalibrationFolds = 0 });
        var report = CrossValidation.Evaluate(model, Read(Path.Combine(folder, "r8_test.csv")));

        output.WriteLine(report.ToString());
        Assert.Equal(8, model.Labels.Count);
        Assert.True(report.Accuracy >= 0.95, $"R8 accuracy {report.Accuracy:F4}");
    }
}
