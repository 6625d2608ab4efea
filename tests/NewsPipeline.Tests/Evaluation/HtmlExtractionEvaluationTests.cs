using NewsPipeline.Core.Normalisation;
using NewsPipeline.Evaluation;
using Xunit.Abstractions;

namespace NewsPipeline.Tests.Evaluation;

/// <summary>
/// Regression guards for the HTML extractor on the shared evaluation data (../shared/data beside the repository; CI has
/// it), scored by the same evaluator as `newspipeline eval extraction`. Floors sit a little under the figures measured
/// when written (extraction-aeb F1 0.970; trafilatura-en with 91.4 %, without 95.3 %, titles 92.4 %): a drop below means
/// a change made extraction worse. Without the data the tests say they skipped.
/// </summary>
public sealed class HtmlExtractionEvaluationTests(ITestOutputHelper output)
{
    private const double AebF1Floor = 0.96;
    private const double TrafilaturaWithFloor = 0.90;
    private const double TrafilaturaWithoutFloor = 0.94;
    private const double TrafilaturaTitleFloor = 0.90;

    [Fact]
    public void Evaluate_ExtractionAeb_TokenF1AboveFloor()
    {
        var folder = Dataset("extraction-aeb");
        if (folder is null) return;

        var report = ExtractionEvaluator.Run(new ArticleNormaliser(), ExtractionDataset.Load(folder));
        output.WriteLine(Cli.EvalExtractionCommand.Format(report));

        Assert.Equal(181, report.TokenPages);
        Assert.True(report.F1 >= AebF1Floor, $"F1 {report.F1:F3} below the floor {AebF1Floor}");
    }

    [Fact]
    public void Evaluate_TrafilaturaEn_SnippetsAndTitlesAboveFloor()
    {
        var folder = Dataset("extraction-trafilatura-en");
        if (folder is null) return;

        var report = ExtractionEvaluator.Run(new ArticleNormaliser(), ExtractionDataset.Load(folder));
        output.WriteLine(Cli.EvalExtractionCommand.Format(report));

        Assert.Equal(163, report.Pages.Count);
        Assert.True(report.WithFound >= TrafilaturaWithFloor, $"with-snippets found {report.WithFound:P1} below the floor {TrafilaturaWithFloor:P0}");
        Assert.True(report.WithoutAbsent >= TrafilaturaWithoutFloor, $"without-snippets absent {report.WithoutAbsent:P1} below the floor {TrafilaturaWithoutFloor:P0}");
        Assert.True(report.TitleAccuracy >= TrafilaturaTitleFloor, $"title accuracy {report.TitleAccuracy:P1} below the floor {TrafilaturaTitleFloor:P0}");
    }

    private string? Dataset(string name) => SharedData.Folder(name, output, "gold.jsonl");
}
