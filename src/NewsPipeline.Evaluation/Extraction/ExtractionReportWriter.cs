using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NewsPipeline.Evaluation.Extraction;

/// <summary>An <see cref="ExtractionReport"/> as the summary `eval extraction` prints and as per-page JSON Lines.</summary>
public static class ExtractionReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Format(ExtractionReport report)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"pages        {report.Pages.Count} ({report.Failures} rejected by the normaliser)");
        if (report.TokenPages > 0)
        {
            text.AppendLine(c, $"precision    {report.Precision:F3}");
            text.AppendLine(c, $"recall       {report.Recall:F3}");
            text.AppendLine(c, $"f1           {report.F1:F3}   (token F1, mean over {report.TokenPages} pages)");
        }
        if (report.WithTotal > 0)
            text.AppendLine(c, $"with found   {report.WithFound:P1}   ({report.WithTotal} snippets)");
        if (report.WithoutTotal > 0)
            text.AppendLine(c, $"without absent {report.WithoutAbsent:P1}   ({report.WithoutTotal} snippets)");
        if (report.TitlePages > 0)
            text.AppendLine(c, $"title        {report.TitleAccuracy:P1}   (exact, case-insensitive, {report.TitlePages} pages with a gold title)");
        text.AppendLine(c, $"speed        {report.PagesPerSecond:F0} pages/s   (one thread, extraction only, {report.Elapsed.TotalMilliseconds:F0} ms)");
        return text.ToString();
    }

    /// <summary>One JSON object per page, in dataset order; the scores that do not apply to its gold are null.</summary>
    public static async Task WriteDetailsAsync(string path, ExtractionReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var output = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var page in report.Pages)
        {
            var line = JsonSerializer.Serialize(new
            {
                file = page.File,
                error = page.Error,
                precision = page.Tokens?.Precision,
                recall = page.Tokens?.Recall,
                f1 = page.Tokens?.F1,
                withFound = page.Snippets?.WithFound,
                withTotal = page.Snippets?.WithTotal,
                withoutAbsent = page.Snippets?.WithoutAbsent,
                withoutTotal = page.Snippets?.WithoutTotal,
                title = page.Title,
                goldTitle = page.GoldTitle,
                titleMatch = page.TitleMatch,
                bodyChars = page.BodyChars,
            }, Json);
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }
}
