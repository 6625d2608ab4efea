using BenchmarkDotNet.Attributes;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// One duplicate decision (query + insert) against an index already holding <see cref="Indexed"/> articles, with
/// synthetic signatures. The 1 M / 10 M figures with percentiles and memory come from <see cref="DedupScale"/>
/// (`-- dedup-scale 1000000`), because BenchmarkDotNet would rebuild a 1 M index for every iteration.
/// </summary>
[MemoryDiagnoser]
public class DuplicateIndexBenchmarks
{
    private DuplicateIndex _index = null!;
    private SyntheticArticles _articles = null!;
    private int _next;

    [Params(100_000)]
    public int Indexed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _articles = new SyntheticArticles(seed: 1);
        _index = new DuplicateIndex(new DedupOptions { MaxCount = Indexed }, TimeProvider.System);
        for (var i = 0; i < Indexed; i++)
        {
            var (id, file, fingerprint) = _articles.Next();
            _index.DecideAndAdd(id, file, fingerprint);
        }
    }

    /// <summary>The sink's index work for one article: its candidates for verification, then the decision.</summary>
    [Benchmark]
    public DedupDecision CandidatesAndDecide()
    {
        var (id, file, fingerprint) = _articles.Next();
        _next++;
        var candidates = _index.Candidates(fingerprint);
        return _index.DecideAndAdd(id, file, fingerprint, candidates.Count == 0 ? null : CandidateVerdict.None);
    }

    [Benchmark]
    public DedupDecision DecideAndAdd()
    {
        var (id, file, fingerprint) = _articles.Next();
        _next++;
        return _index.DecideAndAdd(id, file, fingerprint);
    }

    [Benchmark]
    public Fingerprint Fingerprint() => _fingerprinter.Compute(Text);

    private readonly Fingerprinter _fingerprinter = new();

    private static readonly string Text = string.Join(' ', Enumerable.Range(0, 600).Select(i => "word" + (i * 7919 % 3001)));
}
