using System.IO.Compression;
using System.Text;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Evaluation.Extraction;

namespace NewsPipeline.Evaluation.Tests.Extraction;

public sealed class ExtractionDatasetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("np-eval-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Load_GzipAndPlainFiles_DecompressedWithFormatExtension()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "txt"));
        File.WriteAllText(Path.Combine(_folder, "txt", "a.txt"), "A title\n\nThe body of the article is here and it is long enough to count as prose for the locator.");
        using (var gz = new GZipStream(File.Create(Path.Combine(_folder, "txt", "b.txt.gz")), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("Other\n\nSecond article body with enough words in it to be treated as the text of an article."));
        File.WriteAllLines(Path.Combine(_folder, "gold.jsonl"),
        [
            """{"txt_file": "txt/a.txt", "gold_text": "The body of the article is here and it is long enough to count as prose for the locator.", "title": "A title"}""",
            """{"txt_file": "txt/b.txt.gz", "with": ["Second article body"], "without": ["Other"], "title": null}""",
        ]);

        var cases = ExtractionDataset.Load(_folder);
        var report = ExtractionEvaluator.Run(new ArticleNormaliser(), cases);

        Assert.Equal(["a.txt", "b.txt"], cases.Select(c => c.FileName));
        Assert.StartsWith("Other", Encoding.UTF8.GetString(cases[1].Content));
        Assert.Equal(1.0, report.F1, 6);
        Assert.Equal(1, report.TokenPages);
        Assert.Equal(1.0, report.WithFound, 6);
        Assert.Equal(1.0, report.WithoutAbsent, 6);
        Assert.Equal(1, report.TitlePages);
        Assert.Equal(1.0, report.TitleAccuracy, 6);
    }

    [Fact]
    public void Load_MetadataRows_ScoredPerFieldAndPerSource()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "html"));
        const string body = "<p>The city council voted on Tuesday to approve the new budget after a long debate that lasted well into the night and drew a crowd.</p>";
        File.WriteAllText(Path.Combine(_folder, "html", "a.html"),
            $"""<html lang="en"><head><title>Budget passes</title><meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2020-01-02T10:00:00Z"></head><body>{body}</body></html>""");
        File.WriteAllText(Path.Combine(_folder, "html", "b.html"), $"<html><head><title>Other page</title></head><body>{body}</body></html>");
        File.WriteAllLines(Path.Combine(_folder, "gold.jsonl"),
        [
            """{"html_file": "html/a.html", "source": "one", "title": "Budget passes", "authors": ["Jane Doe"], "published": "2020-01-02T10:00:00.000Z", "published_precision": "datetime", "site_name": "Example News", "language": "en"}""",
            """{"html_file": "html/b.html", "source": "two", "title": "Budget passes", "authors": ["John Roe"], "published": "2020-01-03", "published_precision": "date", "site_name": null}""",
        ]);

        var report = ExtractionEvaluator.Run(new ArticleNormaliser(), ExtractionDataset.Load(_folder));
        var text = ExtractionReportWriter.Format(report);

        Assert.True(report.HasMetadata);
        Assert.Equal(["one", "two"], report.Groups);
        Assert.Equal(new FieldRate(1, 2), report.Rate(m => m.Author));
        Assert.Equal(new FieldRate(1, 2), report.Rate(m => m.Date));
        Assert.Equal(new FieldRate(1, 1), report.Rate(m => m.Site));
        Assert.Equal(new FieldRate(1, 1), report.Rate(m => m.Language));
        Assert.Equal(new FieldRate(0, 1), report.TitleRate("two"));
        Assert.Contains("| author | 1/1 = 1.000 | 0/1 = 0.000 | 1/2 = 0.500 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoGoldFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => ExtractionDataset.Load(_folder));
    }
}
