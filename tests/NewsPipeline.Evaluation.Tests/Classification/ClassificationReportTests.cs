using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Evaluation.Tests.Classification;

public sealed class ClassificationReportTests
{
    [Fact]
    public void Report_KnownPredictions_AccuracyF1AndBands()
    {
        EvaluatedPrediction[] predictions =
        [
            new("A", "A", 0.95), new("A", "A", 0.6), new("A", "B", 0.4),
            new("B", "B", 0.92), new("B", "A", 0.8),
        ];

        var report = new ClassificationReport(["A", "B"], predictions);

        Assert.Equal(0.6, report.Accuracy, 9);
        // A: precision 2/3, recall 2/3 → F1 2/3; B: precision 1/2, recall 1/2 → F1 1/2.
        Assert.Equal((2.0 / 3 + 0.5) / 2, report.MacroF1, 9);
        Assert.Equal(2, report.Confusion[0, 0]);
        Assert.Equal(1, report.Confusion[1, 0]);
        Assert.Equal([1, 1, 1, 2], report.Calibration.Select(b => b.Count));
        Assert.Equal(1.0, report.Calibration[3].Accuracy);
        Assert.Equal(0.0, report.Calibration[2].Accuracy);
        Assert.Contains("macro-F1", report.ToString());
    }
}
