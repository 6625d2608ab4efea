using System.CommandLine;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Normalisation.Boilerplate;
using NewsPipeline.Hosting;
using NewsPipeline.Storage;
using NewsPipeline.Watcher;

namespace NewsPipeline.Cli;

internal static class ProcessCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder of article files (read recursively, never modified)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "JSON Lines file to write: one object per input file", Required = true };
        var db = new Option<FileInfo?>("--db") { Description = "SQLite store to use (and keep, with its learned boilerplate); default: a fresh temporary store" };
        var command = new Command("process", "One-shot: run every file under a folder through the pipeline's steps in-process") { folder, output, db };
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
                var summary = await RunAsync(input.FullName, parse.GetValue(output)!.FullName, parse.GetValue(db)?.FullName, Console.Error, cancel.Token);
                await Console.Error.WriteLineAsync(summary.ToString());
                return 0;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled");
                return 130;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"error: invalid configuration: {string.Join("; ", e.Failures)}");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <param name="dbPath">SQLite store to keep; null: a temporary one, deleted afterwards.</param>
    /// <param name="overrides">Configuration on top of the usual sources (tests set Watcher:MaxFileBytes, say).</param>
    public static async Task<ProcessRunner.Summary> RunAsync(string folder, string outputPath, string? dbPath, TextWriter progress,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var temporaryDb = dbPath is null ? Path.Combine(Path.GetTempPath(), $"newspipeline-{Guid.NewGuid():N}.db") : null;
        try
        {
            using var host = Build(dbPath ?? temporaryDb!, overrides);
            await host.StartAsync(cancellationToken);
            var summary = await host.Services.GetRequiredService<ProcessRunner>().RunAsync(folder, outputPath, progress, cancellationToken);
            await host.StopAsync(CancellationToken.None);
            return summary;
        }
        finally
        {
            if (temporaryDb is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(temporaryDb + suffix);
            }
        }
    }

    /// <summary>
    /// The same registrations as `run` with the worker and sink roles (analyse step, record step, store, learned
    /// boilerplate, options validated at start), without a bus: the one SQLite file holds articles and boilerplate.
    /// </summary>
    internal static IHost Build(string dbPath, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>())
        {
            ["Store:Provider"] = StoreOptions.Sqlite,
            ["Store:SqlitePath"] = dbPath,
        };
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddNewsPipelineSources(settings);
        // The output file is the report (every rejection with its reason) and real trouble ends the command with its
        // message on stderr, so no log sink: measured, setting one up cost a tenth of a second of start-up.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new DeferredBoilerplateStore(sp.GetRequiredService<PersistentBoilerplateStore>()));
        builder.Services.TryAddSingleton<IBoilerplateStore>(sp => sp.GetRequiredService<DeferredBoilerplateStore>());
        builder.Services.AddWatcherOptions();
        builder.Services.AddSingleton<IValidateOptions<WatcherOptions>, SizeCapValidator>();
        builder.Services.AddWorkerRole();
        builder.Services.AddRecordStep();
        builder.Services.AddSingleton<ProcessRunner>();
        return builder.Build();
    }

    /// <summary>`process` reads the files itself: of the watcher's settings only the size cap applies (no folders to check or create).</summary>
    private sealed class SizeCapValidator : IValidateOptions<WatcherOptions>
    {
        public ValidateOptionsResult Validate(string? name, WatcherOptions options) => options.MaxFileBytes > 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Watcher:MaxFileBytes must be positive, not {options.MaxFileBytes}");
    }
}
