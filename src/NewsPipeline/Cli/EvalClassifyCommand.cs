using System.CommandLine;
using System.Diagnostics;
using NewsPipeline.Core.Classification;
using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Cli;

/// <summary>`eval classify`: accuracy, macro-F1, confusion matrix and calibration of a model or a training recipe.</summary>
internal static class EvalClassifyCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Labelled data (CSV or JSON Lines): evaluated directly with --model, cross-validated with --folds, or the training set with --test", Required = true };
        var model = new Option<FileInfo?>("--model") { Description = "Evaluate this model file on --data" };
        var folds = new Option<int?>("--folds") { Description = "Stratified k-fold cross-validation over --data (default 5 when neither --model nor --test is given)" };
        var test = new Option<FileInfo?>("--test") { Description = "Train on --data, evaluate on this file" };
        var file = new TrainingDataFile();
        var command = new Command("classify", "Evaluate topic classification") { data, model, folds, test };
        foreach (var option in file.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var modelFile = parse.GetValue(model);
            var testFile = parse.GetValue(test);
            var foldCount = parse.GetValue(folds);
            if ((modelFile is not null ? 1 : 0) + (testFile is not null ? 1 : 0) + (foldCount is not null ? 1 : 0) > 1)
            {
                Console.Error.WriteLine("error: give at most one of --model, --folds, --test");
                return 2;
            }
            try
            {
                var rows = file.Read(parse, parse.GetValue(data)!);
                var clock = Stopwatch.StartNew();
                ClassificationReport report;
                if (modelFile is not null)
                {
                    using var stream = File.OpenRead(modelFile.FullName);
                    report = CrossValidation.Evaluate(TopicModel.Load(stream), rows);
                    Console.WriteLine($"model {modelFile.Name} on {rows.Count} rows");
                }
                else if (testFile is not null)
                {
                    var trained = TopicTrainer.Train(rows, file.Settings(parse));
                    Console.WriteLine($"trained on {rows.Count} rows in {clock.Elapsed.TotalSeconds:F1} s (temperature {trained.Temperature:F3})");
                    report = CrossValidation.Evaluate(trained, file.Read(parse, testFile));
                }
                else
                {
                    var k = foldCount ?? 5;
                    if (k < 2)
                    {
                        Console.Error.WriteLine("error: --folds must be at least 2");
                        return 2;
                    }
                    report = CrossValidation.Run(rows, k, file.Settings(parse), fold => Console.Error.WriteLine($"fold {fold + 1}/{k} done ({clock.Elapsed.TotalSeconds:F1} s)"));
                    Console.WriteLine($"{k}-fold cross-validation over {rows.Count} rows");
                }
                Console.WriteLine(report);
                Console.Error.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:F1} s");
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
