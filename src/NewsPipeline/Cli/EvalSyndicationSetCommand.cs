using System.CommandLine;
using NewsPipeline.Evaluation.Deduplication;

namespace NewsPipeline.Cli;

/// <summary>
/// `eval syndication-set`: generates the syndication development set from Reuters-21578 (deterministic for a seed)
/// into a folder outside the repository; `eval dedup --dataset FOLDER` scores it.
/// </summary>
internal static class EvalSyndicationSetCommand
{
    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = "the reuters/ folder", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "folder to write (outside the repository: the data is never committed)", Required = true };
        var seed = new Option<int>("--seed") { Description = "random seed", DefaultValueFactory = _ => 13 };
        var command = new Command("syndication-set", "Generate the syndicated-copies development set from Reuters-21578") { dataset, output, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var reuters = parse.GetValue(dataset)!;
            var target = parse.GetValue(output)!;
            if (!DedupEvaluation.IsReuters(reuters.FullName))
            {
                await Console.Error.WriteLineAsync($"error: '{reuters.FullName}' holds no reuters21578_all.jsonl.gz + dedup_pairs.jsonl");
                return 2;
            }
            if (InsideRepository(target))
            {
                await Console.Error.WriteLineAsync($"error: '{target.FullName}' is inside a repository checkout; the generated data is never committed, so write it elsewhere");
                return 2;
            }
            var items = SyndicationSet.Generate(reuters.FullName, parse.GetValue(seed));
            SyndicationSet.Write(items, target.FullName);
            Console.WriteLine($"{SyndicationSet.Describe(items)} → {target.FullName}");
            return 0;
        });
        return command;
    }

    private static bool InsideRepository(DirectoryInfo folder)
    {
        for (var d = folder; d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NewsPipeline.sln")) || Directory.Exists(Path.Combine(d.FullName, ".git")) || File.Exists(Path.Combine(d.FullName, ".git")))
                return true;
        }
        return false;
    }
}
