using System.CommandLine;
using System.Diagnostics;
using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Cli;

/// <summary>`train`: a topic model from the user's own labelled articles, any label set.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Labelled data: CSV with a header row, or JSON Lines (fields label, title, text)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write (point Classifier:ModelPath at it)", Required = true };
        var file = new TrainingDataFile();
        var command = new Command("train", "Train a topic model from labelled articles") { data, output };
        foreach (var option in file.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            try
            {
                var rows = file.Read(parse, parse.GetValue(data)!);
                var labels = TrainingSet.Labels(rows);
                Console.Error.WriteLine($"{rows.Count} rows, {labels.Length} labels: {string.Join(", ", labels.Select(l => $"{l} ({rows.Count(r => r.Label == l)})"))}");
                var clock = Stopwatch.StartNew();
                var model = TopicTrainer.Train(rows, file.Settings(parse));
                var target = parse.GetValue(output)!;
                target.Directory?.Create();
                // Write next to the target, then move: a half-written model never replaces a good one.
                var temp = target.FullName + ".tmp";
                using (var stream = File.Create(temp)) model.Save(stream);
                File.Move(temp, target.FullName, overwrite: true);
                Console.Error.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1} s (temperature {model.Temperature:F3}); wrote {target.FullName} ({new FileInfo(target.FullName).Length / 1024} KiB)");
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
