using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NewsPipeline.Core.Classification;
using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// Training the default model on all 7,600 AG News rows (needs ../shared/data). Target: under 60 s.
/// A few single runs are enough: one run takes seconds, not nanoseconds.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class TrainerBenchmarks
{
    private IReadOnlyList<LabelledText> _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(ClassifierBenchmarks.RepositoryRoot(), "..", "shared", "data", "ag-news", "ag_news_test.csv");
        using var reader = new StreamReader(path);
        _rows = TrainingSetParser.Parse(reader, jsonLines: false);
    }

    [Benchmark]
    public TopicModel TrainAgNews() => TopicTrainer.Train(_rows, new TrainerSettings());
}
