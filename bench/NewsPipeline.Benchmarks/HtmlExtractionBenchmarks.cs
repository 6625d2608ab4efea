using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// HTML article extraction on one core (process affinity pinned to CPU 0) over the 181 extraction-aeb pages of
/// ../shared/data: each operation extracts every page once, so pages/s = 181 / mean. SmartReader (the Readability port
/// we compared against) is the baseline in the same run; AngleSharp's parse alone is the floor any DOM extractor pays.
/// Target: ≥ 400 pages/s and ≥ 2× SmartReader. The benchmark needs the data; without it every operation is empty.
/// </summary>
[Config(typeof(OneCoreConfig))]
[MemoryDiagnoser]
public class HtmlExtractionBenchmarks
{
    private readonly HtmlArticleNormaliser _normaliser = new();
    private byte[][] _pages = [];
    private string[] _texts = [];
    private string[] _urls = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = AebFolder();
        if (folder is null)
            return;
        var rows = File.ReadLines(Path.Combine(folder, "gold.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        _pages = rows.Select(r => Gunzip(Path.Combine(folder, r.GetProperty("html_file").GetString()!))).ToArray();
        _urls = rows.Select(r => r.GetProperty("url").GetString()!).ToArray();
        // SmartReader takes text: give it the pages already decoded, so it is not charged for decoding.
        _texts = _pages.Select(p => Encoding.UTF8.GetString(p)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "SmartReader 0.11.1, all AEB pages")]
    public int SmartReaderAll()
    {
        var chars = 0;
        for (var i = 0; i < _texts.Length; i++)
            chars += new SmartReader.Reader(_urls[i], _texts[i]).GetArticle().TextContent?.Length ?? 0;
        return chars;
    }

    [Benchmark(Description = "HtmlArticleNormaliser, all AEB pages (bytes in)")]
    public int NormaliserAll()
    {
        var chars = 0;
        foreach (var page in _pages)
            chars += _normaliser.Normalise(page).Article?.Body.Length ?? 0;
        return chars;
    }

    [Benchmark(Description = "AngleSharp parse only, all AEB pages")]
    public int ParseOnlyAll()
    {
        var nodes = 0;
        var parser = new HtmlParser();
        foreach (var text in _texts)
            nodes += parser.ParseDocument(text).All.Length;
        return nodes;
    }

    /// <summary>
    /// The parse the extractor itself runs: the same skip options (comments, raw text, CDATA, processing instructions,
    /// source positions) and services (no attribute observer), so "extractor minus this" is what our own code costs.
    /// </summary>
    [Benchmark(Description = "AngleSharp parse only, extractor's options")]
    public int ParseLightAll()
    {
        var nodes = 0;
        foreach (var text in _texts)
            nodes += new HtmlParser(HtmlArticleNormaliser.ParserOptions, BrowsingContext.New(HtmlArticleNormaliser.ParserConfiguration)).ParseDocument(text).All.Length;
        return nodes;
    }

    private static byte[] Gunzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string? AebFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "extraction-aeb"));
                return File.Exists(Path.Combine(folder, "gold.jsonl")) ? folder : null;
            }
        return null;
    }

    /// <summary>
    /// One core, a short fixed schedule, in process (a loaded shared machine times out BenchmarkDotNet's separate
    /// build); report medians and the ratio to the baseline.
    /// </summary>
    private sealed class OneCoreConfig : ManualConfig
    {
        public OneCoreConfig() =>
            AddJob(Job.Default.WithAffinity(1).WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1)
                .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
