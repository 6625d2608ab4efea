using System.Text;
using BenchmarkDotNet.Attributes;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// Plain-text normalisation on one thread: the seed article (../shared/data/seed, or a seed-sized article of the same
/// shape built here when the data is absent) and, when present, the whole-page texts of plaintext-aeb.
/// Articles per second = 1 / mean time per operation. Target: ≥ 5,000 seed-sized articles/s on one core.
/// </summary>
[MemoryDiagnoser]
public class PlainTextNormalisationBenchmarks
{
    private readonly ArticleNormaliser _normaliser = new();
    private byte[] _seed = [];
    private byte[][] _pages = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = SharedData();
        var seedPath = data is null ? null : Path.Combine(data, "seed", "blinken-thehill.txt");
        _seed = seedPath is not null && File.Exists(seedPath) ? File.ReadAllBytes(seedPath) : Encoding.UTF8.GetBytes(SeedShapedArticle());
        var txt = data is null ? null : Path.Combine(data, "plaintext-aeb", "txt");
        _pages = txt is not null && Directory.Exists(txt) ? Directory.GetFiles(txt, "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray() : [];
    }

    [Benchmark(Description = "seed-sized article")]
    public NormalisationResult SeedArticle() => _normaliser.Normalise("seed.txt", _seed);

    /// <summary>All 181 whole-page texts per operation (0 when the data is absent): pages/s = 181 / mean.</summary>
    [Benchmark(Description = "plaintext-aeb, all pages")]
    public int WholePages()
    {
        var words = 0;
        foreach (var page in _pages)
            words += _normaliser.Normalise("page.txt", page).Article?.WordCount ?? 0;
        return words;
    }

    private static string? SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        return null;
    }

    // About the seed's 3.4 KB: title, widget debris, ten paragraphs, contributor note, site trailer.
    private static string SeedShapedArticle()
    {
        var text = new StringBuilder("Council approves the budget after a long night of talks, mayor says\n\n  • Oops!\n    Something went wrong.\n    Please try again later.\n\n");
        for (var i = 0; i < 10; i++)
            text.Append("The city council approved next year's budget on Tuesday after a debate that ran late into the night, ")
                .Append("with members of both groups saying the compromise protects schools and the bus network.\n\n");
        text.Append("The Associated Press contributed to this report.\n\nFor the latest news, weather, sports, and streaming video, head to The Hill.\n");
        return text.ToString();
    }
}
