using System.CommandLine;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Evaluation.Deduplication;
using NewsPipeline.Hosting;

namespace NewsPipeline.Cli;

/// <summary>
/// `eval dedup`: precision and recall of the duplicate decisions on Reuters-21578, the MinHash smoke sets, or a
/// syndication set written by `eval syndication-set`.
/// </summary>
internal static class EvalDedupCommand
{
    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = "reuters/, dedup-minhash-synthetic/ or a syndication-set folder", Required = true };
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
            if (SyndicationSet.IsSyndicationSet(folder.FullName))
                return await EvaluateSyndicationAsync(folder.FullName, options, parse.GetValue(details));
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

    private static async Task<int> EvaluateSyndicationAsync(string folder, DedupOptions options, FileInfo? details)
    {
        var report = new SyndicationEvaluation(options).Evaluate(SyndicationSet.Read(folder));
        Console.WriteLine($"thresholds: MinJaccard {options.MinJaccard}, MinContainment {options.MinContainment}; verify {options.Verify}: candidates at Jaccard {options.CandidateJaccard} or containment {options.CandidateContainment}, sentences {options.MinSentenceOverlap} (>= {options.MinVerifiedSentences}), figures {options.MinNumberAgreement}, names {options.MinEntityAgreement}, body Jaccard {options.MinBodyJaccard} (strict {options.MinStrictBodyJaccard}), veto at {options.VetoChangedFigures} figures changed in place");
        SyndicationEvaluation.WriteTable(Console.Out, report);
        Console.WriteLine();
        SyndicationEvaluation.WriteSignals(Console.Out, report);
        if (details is not null)
        {
            await using var writer = new StreamWriter(details.FullName);
            SyndicationEvaluation.WriteDetails(writer, report);
            Console.WriteLine($"details: {details.FullName}");
        }
        return 0;
    }
}
