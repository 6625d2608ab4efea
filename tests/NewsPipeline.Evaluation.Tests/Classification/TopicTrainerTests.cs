using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Evaluation.Tests.Classification;

public sealed class TopicTrainerTests
{
    [Fact]
    public void Train_ThreeSyntheticLabels_ClassifiesUnseenRows()
    {
        var model = TopicTrainer.Train(SyntheticTopics.Rows(40, seed: 1), SyntheticTopics.FastSettings);

        var report = CrossValidation.Evaluate(model, SyntheticTopics.Rows(20, seed: 2));

        Assert.Equal(["Weather", "Cooking", "Football"], model.Labels);
        Assert.True(report.Accuracy >= 0.98, $"accuracy {report.Accuracy}");
        Assert.True(model.Temperature > 0);
    }

    [Fact]
    public void Train_ClearCase_ConfidentAndRunnerUpDiffers()
    {
        var model = TopicTrainer.Train(SyntheticTopics.Rows(40, seed: 1), SyntheticTopics.FastSettings);

        var prediction = model.Classify("Storm forecast", "Heavy rain and wind tonight, the forecast says more snowfall and drizzle.");

        Assert.Equal("Weather", prediction.Category);
        Assert.True(prediction.Confidence > 0.6, $"confidence {prediction.Confidence}");
        Assert.NotEqual("Weather", prediction.RunnerUp);
        Assert.True(prediction.RunnerUpConfidence < prediction.Confidence);
    }

    [Fact]
    public void Train_OneLabel_ThrowsInvalidData()
    {
        var rows = SyntheticTopics.Rows(5, seed: 1).Where(r => r.Label == "Cooking").ToArray();

        var e = Assert.Throws<InvalidDataException>(() => TopicTrainer.Train(rows, SyntheticTopics.FastSettings));
        Assert.Contains("at least 2 labels", e.Message);
    }

    [Fact]
    public void Train_NoRows_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => TopicTrainer.Train([], SyntheticTopics.FastSettings));
    }

    [Fact]
    public void CrossValidation_SyntheticSet_ReportsEveryRowOnce()
    {
        var rows = SyntheticTopics.Rows(15, seed: 3);

        var report = CrossValidation.Run(rows, 3, SyntheticTopics.FastSettings with { CalibrationFolds = 0 });

        Assert.Equal(rows.Length, report.Count);
        Assert.Equal(rows.Length, report.Calibration.Sum(b => b.Count));
        Assert.True(report.Accuracy >= 0.95, $"accuracy {report.Accuracy}");
    }

    [Fact]
    public void StratifiedFolds_BalancedLabels_EvenSplit()
    {
        var labels = Enumerable.Range(0, 60).Select(i => i % 3).ToArray();

        var folds = TrainingSet.StratifiedFolds(labels, 3, seed: 5);

        for (var fold = 0; fold < 3; fold++)
            for (var label = 0; label < 3; label++)
                Assert.InRange(Enumerable.Range(0, 60).Count(i => folds[i] == fold && labels[i] == label), 6, 7);
    }
}
