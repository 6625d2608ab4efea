using System.IO.Compression;
using System.Text;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Evaluation.Extraction;

namespace NewsPipeline.Evaluation.Tests.Extraction;

public sealed class ExtractionDatasetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("np-eval-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public void Load_GzipAndPlainFiles_DecompressedWithFormatExtension()
    {
        Directory.CreateDirectory(Path.Combine(folder, "txt"));
        File.WriteAllText(Path.Combine(folder, "txt", "a.txt"), "Title\n\nThe body of the article is here and it is long enough to count as prose for the locator.");
        using (var gz = new GZipStream(File.Create(Path.Combine(folder, "txt", "b.txt.gz")), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("Other\n\nSecond article body with enough words in it to be treated as the text of an article."));
        File.WriteAllLines(Path.Combine(folder, "gold.jsonl"),
        [
            """{"txt_file": "txt/a.txt", "gold_text": "The body of the article is here and it is long enough to count as prose for the locator.", "title": "Title"}""",
            """{"txt_file": "txt/b.txt.gz", "with": ["Second article body"], "without": ["Other"], "title": null}""",
        ]);

        var cases = ExtractionDataset.Load(folder);
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
    public void Load_NoGoldFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => ExtractionDataset.Load(folder));
    }
}
