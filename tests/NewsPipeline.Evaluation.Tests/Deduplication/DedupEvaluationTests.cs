using NewsPipeline.Core.Deduplication;
using NewsPipeline.Evaluation.Deduplication;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.Evaluation.Tests.Deduplication;

/// <summary>
/// Regression guards over ../shared/data (present in CI), a little under the measured figures (docs/deduplication.md):
/// Reuters exact/exact_body/near (Jaccard ≥ 0.8) recall 1.0, precision 0.934 against the listed pairs (0.988 counting
/// trimmed/extended copies, which the Jaccard-only list cannot hold); every synthetic truth pair and nothing else.
/// </summary>
public sealed class DedupEvaluationTests(ITestOutputHelper output)
{
    [SharedDataFact("reuters")]
    public void Evaluate_Reuters_MeetsTheFloors()
    {
        var folder = SharedData.Require("reuters");
        var (documents, pairs) = DedupEvaluation.LoadReuters(folder);

        var report = new DedupEvaluation(new DedupOptions()).Evaluate("reuters", documents, pairs);

        var recall = report.Kinds.ToDictionary(k => k.Kind, k => k.Recall);
        output.WriteLine(string.Join(", ", report.Kinds.Select(k => $"{k.Kind} {k.Recall:F4}")) + $"; precision {report.Precision:F4} ({report.PrecisionCountingCopies:F4} counting copies)");
        Assert.Equal(1.0, recall["exact"]);
        Assert.Equal(1.0, recall["exact_body"]);
        Assert.Equal(1.0, recall["near (jaccard >= 0.8)"]);
        Assert.True(report.Precision >= 0.93, $"precision {report.Precision}");
        Assert.True(report.PrecisionCountingCopies >= 0.98, $"precision counting copies {report.PrecisionCountingCopies}");
    }

    [SharedDataFact("dedup-minhash-synthetic")]
    public void Evaluate_SyntheticSets_EveryTruthPairAndNothingElse()
    {
        var folder = SharedData.Require("dedup-minhash-synthetic");
        var sets = DedupEvaluation.LoadSynthetic(folder).ToList();
        Assert.NotEmpty(sets);
        foreach (var (name, documents, pairs) in sets)
        {
            var report = new DedupEvaluation(new DedupOptions()).Evaluate(name, documents, pairs);
            Assert.True(report.Kinds.Single(k => k.Kind == "all").Recall == 1.0, $"{name}: missed {report.Missed.Count}");
            Assert.True(report.Unlisted.Count == 0, $"{name}: {report.Unlisted.Count} unlisted pairs linked");
        }
    }
}
