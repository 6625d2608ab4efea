using System.CommandLine;

namespace NewsPipeline.Cli;

internal static class ProcessCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder of article files (read recursively, never modified)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "JSON Lines file to write: one object per input file", Required = true };
        var db = new Option<FileInfo?>("--db") { Description = "SQLite store to use (and keep); default: a fresh temporary store" };
        var command = new Command("process", "One-shot: run every file under a folder through the pipeline's stages in-process") { folder, output, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = parse.GetValue(folder)!;
            if (!input.Exists)
            {
                await Console.Error.WriteLineAsync($"error: folder '{input.FullName}' does not exist");
                return 2;
            }
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            try
            {
                var processor = OneShotProcessor.FromConfiguration(Console.Error);
                var summary = await processor.RunAsync(input.FullName, parse.GetValue(output)!.FullName, parse.GetValue(db)?.FullName, cancel.Token);
                await Console.Error.WriteLineAsync(summary.ToString());
                return 0;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled");
                return 130;
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
            catch (UnauthorizedAccessException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
