using NewsPipeline.Core.Deduplication;
using NewsPipeline.Evaluation.Deduplication;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.Evaluation.Tests.Deduplication;

/// <summary>
/// The syndication set generated here from ../shared/data/reuters (seed 13, as `eval syndication-set` writes it) and
/// scored through the normaliser, index and verification: the floors for every kind, all six transformations
/// at once included (docs/deduplication.md has the table).
/// </summary>
public sealed class SyndicationSetTests(ITestOutputHelper output)
{
    [SharedDataFact("reuters", "reuters21578_all.jsonl.gz")]
    public void Evaluate_GeneratedSet_EveryKindMeetsTheFloorsAndNoHardNegativeIsLinked()
    {
        var items = SyndicationSet.Generate(SharedData.Require("reuters"));

        var report = new SyndicationEvaluation(new DedupOptions()).Evaluate(items);

        var table = new StringWriter();
        SyndicationEvaluation.WriteTable(table, report);
        SyndicationEvaluation.WriteDetails(table, report);
        output.WriteLine(table.ToString());
        Assert.Equal(SyndicationSet.Kinds.Count + 2, report.Kinds.Count);
        foreach (var kind in report.Kinds.Where(k => !k.Kind.StartsWith("negative", StringComparison.Ordinal)))
        {
            Assert.True(kind.Pages >= 100, $"{kind.Kind}: only {kind.Pages} pages generated");
            Assert.True(kind.Recall >= 0.97, $"{kind.Kind}: recall {kind.Recall}");
            Assert.True(kind.Precision >= 0.99, $"{kind.Kind}: precision {kind.Precision}");
        }
        Assert.True(report.NegativePairs >= 300, $"only {report.NegativePairs} hard negative pairs");
        Assert.Equal(0, report.NegativePairsLinked);
    }

    [SharedDataFact("reuters", "reuters21578_all.jsonl.gz")]
    public void Generate_SameSeed_SamePages()
    {
        var folder = SharedData.Require("reuters");

        var first = SyndicationSet.Generate(folder, seed: 7, perKind: 5, negativesPerKind: 5);
        var second = SyndicationSet.Generate(folder, seed: 7, perKind: 5, negativesPerKind: 5);

        Assert.Equal(first, second);
    }
}
