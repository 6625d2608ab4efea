using System.CommandLine;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.Boilerplate;
using NewsPipeline.Evaluation.Extraction;

namespace NewsPipeline.Cli;

/// <summary>`eval extraction`: body/title quality of the normaliser against a gold dataset, and its speed.</summary>
internal static class EvalExtractionCommand
{
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
            Console.Out.Write(ExtractionReportWriter.Format(report));
            var detailsFile = parse.GetValue(details);
            if (detailsFile is not null)
                await ExtractionReportWriter.WriteDetailsAsync(detailsFile.FullName, report, cancellationToken);
            return 0;
        });
        return command;
    }
}
