using BenchmarkDotNet.Attributes;
using NewsPipeline.Core.Classification;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// Topic classification of a seed-sized article (~2,500 characters) with the committed default model, on one
/// thread: articles/s = 1 / mean. Target: ≥ 10,000/s. The seed article is read from ../shared/data when present,
/// otherwise a synthetic article of the same length is used.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private TopicModel _model = null!;
    private string _title = "";
    private string _body = "";

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        using (var stream = File.OpenRead(Path.Combine(root, "src", "NewsPipeline", "Models", "topic-model.bin")))
            _model = TopicModel.Load(stream);
        var seed = Path.Combine(root, "..", "shared", "data", "seed", "blinken-thehill.txt");
        var text = File.Exists(seed)
            ? File.ReadAllText(seed)
            : string.Concat(Enumerable.Repeat(File.ReadAllText(Path.Combine(root, "tests", "NewsPipeline.IntegrationTests", "Fixtures", "blinken-like.txt")), 3));
        var newline = text.IndexOf('\n');
        _title = text[..newline].Trim();
        _body = text[(newline + 1)..];
    }

    [Benchmark]
    public TopicPrediction ClassifySeedArticle() => _model.Classify(_title, _body);

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the repository (NewsPipeline.sln not found above " + AppContext.BaseDirectory + ")");
    }
}
