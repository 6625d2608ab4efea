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
        if (report.HasMetadata)
            AppendMetadata(text, report);
        text.AppendLine(c, $"speed        {report.PagesPerSecond:F0} pages/s   (one thread, extraction only, {report.Elapsed.TotalMilliseconds:F0} ms)");
        return text.ToString();
    }

    private static readonly (string Name, Func<MetadataScore, bool?> Field)[] Fields =
    [
        ("title, one contains the other", m => m.TitleContains),
        ("author", m => m.Author),
        ("date (same YYYY-MM-DD)", m => m.Date),
        ("date, time zones allowed", m => m.DateZone),
        ("site", m => m.Site),
        ("language", m => m.Language),
    ];

    /// <summary>Per-field match rates (metadata-dev's README definitions), one column per source group and one for all.</summary>
    private static void AppendMetadata(StringBuilder text, ExtractionReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var groups = report.Groups.Select(g => (string?)g).Append(null).ToList();
        text.AppendLine();
        text.AppendLine(c, $"| field | {string.Join(" | ", groups.Select(g => g ?? "all"))} |");
        text.AppendLine(c, $"|---|{string.Concat(groups.Select(_ => "---|"))}");
        text.AppendLine(c, $"| title exact | {string.Join(" | ", groups.Select(g => Cell(report.TitleRate(g))))} |");
        foreach (var (name, field) in Fields)
            text.AppendLine(c, $"| {name} | {string.Join(" | ", groups.Select(g => Cell(report.Rate(field, g))))} |");
        text.AppendLine();
    }

    private static string Cell(FieldRate rate) =>
        rate.Total == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{rate.Hits}/{rate.Total} = {rate.Share:F3}");

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
                group = page.Group,
                titleContains = page.Metadata?.TitleContains,
                authorMatch = page.Metadata?.Author,
                dateMatch = page.Metadata?.Date,
                dateZoneMatch = page.Metadata?.DateZone,
                siteMatch = page.Metadata?.Site,
                languageMatch = page.Metadata?.Language,
                byline = page.Output?.Byline,
                authors = page.Output?.Authors,
                goldAuthors = page.Gold?.Authors,
                published = page.Output?.Published,
                goldPublished = page.Gold?.Published,
                source = page.Output?.Source,
                goldSite = page.Gold?.SiteName,
                language = page.Output?.Language,
                goldLanguage = page.Gold?.Language,
            }, Json);
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }
    }
}
