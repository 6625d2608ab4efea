using NewsPipeline.Core.Normalisation;
using NewsPipeline.Evaluation.Extraction;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.Evaluation.Tests.Extraction;

/// <summary>
/// Regression guards for the HTML extractor on the shared evaluation data (../shared/data beside the repository; CI has
/// it), scored by the same evaluator as `newspipeline eval extraction`. Floors sit a little under the figures measured
/// when written (extraction-aeb F1 0.970; trafilatura-en with 91.4 %, without 95.3 %, titles 92.4 %): a drop below means
/// a change made extraction worse. Without the data they are reported Skipped.
/// </summary>
public sealed class HtmlExtractionEvaluationTests(ITestOutputHelper output)
{
    private const double AebF1Floor = 0.96;
    private const double TrafilaturaWithFloor = 0.90;
    private const double TrafilaturaWithoutFloor = 0.94;
    private const double TrafilaturaTitleFloor = 0.90;

    [SharedDataFact("extraction-aeb", "gold.jsonl")]
    public void Evaluate_ExtractionAeb_TokenF1AboveFloor()
    {
        var folder = SharedData.Require("extraction-aeb", "gold.jsonl");

        var report = ExtractionEvaluator.Run(new ArticleNormaliser(), ExtractionDataset.Load(folder));
        output.WriteLine(ExtractionReportWriter.Format(report));

        Assert.Equal(181, report.TokenPages);
        Assert.True(report.F1 >= AebF1Floor, $"F1 {report.F1:F3} below the floor {AebF1Floor}");
    }

    [SharedDataFact("extraction-trafilatura-en", "gold.jsonl")]
    public void Evaluate_TrafilaturaEn_SnippetsAndTitlesAboveFloor()
    {
        var folder = SharedData.Require("extraction-trafilatura-en", "gold.jsonl");

        var report = ExtractionEvaluator.Run(new ArticleNormaliser(), ExtractionDataset.Load(folder));
        output.WriteLine(ExtractionReportWriter.Format(report));

        Assert.Equal(163, report.Pages.Count);
        Assert.True(report.WithFound >= TrafilaturaWithFloor, $"with-snippets found {report.WithFound:P1} below the floor {TrafilaturaWithFloor:P0}");
        Assert.True(report.WithoutAbsent >= TrafilaturaWithoutFloor, $"without-snippets absent {report.WithoutAbsent:P1} below the floor {TrafilaturaWithoutFloor:P0}");
        Assert.True(report.TitleAccuracy >= TrafilaturaTitleFloor, $"title accuracy {report.TitleAccuracy:P1} below the floor {TrafilaturaTitleFloor:P0}");
    }
}
