using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.Boilerplate;
using NewsPipeline.Evaluation;

namespace NewsPipeline.Cli;

/// <summary>`eval extraction`: body/title quality of the normaliser against a gold dataset, and its speed.</summary>
internal static class EvalExtractionCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset", "-d") { Description = "Dataset folder containing gold.jsonl", Required = true };
        var details = new Option<FileInfo?>("--details") { Description = "Write per-page scores to this JSON Lines file" };
        var learn = new Option<bool>("--learn-boilerplate") { Description = "Learn boilerplate across the dataset's pages (in file order), as a long-running pipeline does" };
        var command = new Command("extraction", "Article extraction: token precision/recall/F1 or snippet shares, title accuracy, pages/s") { dataset, details, learn };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(dataset)!;
            if (!File.Exists(Path.Combine(folder.FullName, "gold.jsonl")))
            {
                await Console.Error.WriteLineAsync($"error: no gold.jsonl in '{folder.FullName}'");
                return 2;
            }
            var cases = ExtractionDataset.Load(folder.FullName);
            var normaliser = parse.GetValue(learn) ? new ArticleNormaliser(new InMemoryBoilerplateStore()) : new ArticleNormaliser();
            var report = ExtractionEvaluator.Run(normaliser, cases);
            Console.Out.Write(Format(report));
            var detailsFile = parse.GetValue(details);
            if (detailsFile is not null)
                await WriteDetailsAsync(detailsFile.FullName, report, cancellationToken);
            return 0;
        });
        return command;
    }

    internal static string Format(ExtractionReport report)
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

    private static async Task WriteDetailsAsync(string path, ExtractionReport report, CancellationToken cancellationToken)
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
