using System.CommandLine;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Evaluation.Deduplication;
using NewsPipeline.Hosting;

namespace NewsPipeline.Cli;

/// <summary>`eval dedup`: precision and recall of the duplicate decisions on Reuters-21578 or the MinHash smoke sets.</summary>
internal static class EvalDedupCommand
{
    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = "reuters/ or dedup-minhash-synthetic/ folder", Required = true };
        var details = new Option<FileInfo?>("--details") { Description = "Write every unlisted linked pair and every missed listed pair here" };
        var command = new Command("dedup", "Score duplicate detection against listed duplicate pairs") { dataset, details };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(dataset)!;
            if (!folder.Exists)
            {
                await Console.Error.WriteLineAsync($"error: folder '{folder.FullName}' does not exist");
                return 2;
            }
            var options = AppConfiguration.Load().GetSection(DedupOptions.Section).Get<DedupOptions>() ?? new DedupOptions();
            if (options.Validate().FirstOrDefault() is { } problem)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
                return 2;
            }
            var reports = new DedupEvaluation(options).EvaluateFolder(folder.FullName);
            if (reports.Count == 0)
            {
                await Console.Error.WriteLineAsync($"error: no dataset found in '{folder.FullName}' (reuters21578_all.jsonl.gz + dedup_pairs.jsonl, or *.truth with *.train[.gz])");
                return 2;
            }
            Console.WriteLine($"thresholds: MinJaccard {options.MinJaccard}, MinContainment {options.MinContainment} (>= {options.MinContainmentShingles} shingles)");
            foreach (var (report, _) in reports)
                DedupReportWriter.WriteTable(Console.Out, report);
            if (parse.GetValue(details) is { } detailsFile)
            {
                await using var writer = new StreamWriter(detailsFile.FullName);
                foreach (var (report, texts) in reports)
                    DedupReportWriter.WriteDetails(writer, report, texts);
                Console.WriteLine($"details: {detailsFile.FullName}");
            }
            return 0;
        });
        return command;
    }
}
