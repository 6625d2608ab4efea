using NewsPipeline.Core.Normalisation;
using NewsPipeline.Evaluation.Extraction;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.Evaluation.Tests.Extraction;

/// <summary>
/// Regression guards for the HTML extractor on the shared evaluation data (../shared/data beside the repository; CI has
/// it), scored by the same evaluator as `newspipeline eval extraction`. Floors sit a little under the figures measured
/// when written (extraction-aeb F1 0.970; trafilatura-en with 93.6 %, without 95.3 %, titles 92.4 %; metadata-dev title
/// 0.822, author 0.900, date 0.900, site 0.920): a drop below means a change made extraction worse. Without the data
/// they are reported Skipped.
/// </summary>
public sealed class HtmlExtractionEvaluationTests(ITestOutputHelper output)
{
    private const double AebF1Floor = 0.96;
    private const double TrafilaturaWithFloor = 0.92;
    private const double TrafilaturaWithoutFloor = 0.94;
    private const double TrafilaturaTitleFloor = 0.90;
    private const double MetadataTitleFloor = 0.80;
    private const double MetadataAuthorFloor = 0.88;
    private const double MetadataDateFloor = 0.89;
    private const double MetadataSiteFloor = 0.89;

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

    [SharedDataFact("metadata-dev", "gold.jsonl")]
    public void Evaluate_MetadataDev_FieldMatchRatesAboveFloor()
    {
        var folder = SharedData.Require("metadata-dev", "gold.jsonl");

        var report = ExtractionEvaluator.Run(new ArticleNormaliser(), ExtractionDataset.Load(folder));
        output.WriteLine(ExtractionReportWriter.Format(report));

        Assert.Equal(386, report.Pages.Count);
        Assert.Equal(241, report.TitleRate().Total);
        Assert.Equal(201, report.Rate(m => m.Author).Total);
        Assert.Equal(331, report.Rate(m => m.Date).Total);
        Assert.Equal(87, report.Rate(m => m.Site).Total);
        Assert.True(report.TitleRate().Share >= MetadataTitleFloor, $"title {report.TitleRate().Share:F3} below the floor {MetadataTitleFloor}");
        Assert.True(report.Rate(m => m.Author).Share >= MetadataAuthorFloor, $"author {report.Rate(m => m.Author).Share:F3} below the floor {MetadataAuthorFloor}");
        Assert.True(report.Rate(m => m.Date).Share >= MetadataDateFloor, $"date {report.Rate(m => m.Date).Share:F3} below the floor {MetadataDateFloor}");
        Assert.True(report.Rate(m => m.Site).Share >= MetadataSiteFloor, $"site {report.Rate(m => m.Site).Share:F3} below the floor {MetadataSiteFloor}");
    }
}
