using System.CommandLine;
using Microsoft.Extensions.Options;
using NewsPipeline.Core.Ports;
using NewsPipeline.Hosting;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli;

/// <summary>
/// `remove`: deletes an article (and every delivery of it) from the configured store, SQLite or PostgreSQL. A running
/// sink keeps its index in memory: run this while the sink is stopped; its next start rebuilds the index without it.
/// </summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var articleId = new Argument<string>("articleId") { Description = "ArticleId to remove" };
        var db = new Option<FileInfo?>("--db") { Description = "SQLite store (default: the configured store, Store:Provider / Store:SqlitePath)" };
        var command = new Command("remove", "Remove an article from the store (and so from the duplicate index at the next start)") { articleId, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(db) is { } file)
            {
                overrides["Store:Provider"] = StoreOptions.Sqlite;
                overrides["Store:SqlitePath"] = file.FullName;
            }
            var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(AppConfiguration.Load(overrides))
                .AddNewsPipelineStore();
            await using var provider = services.BuildServiceProvider();
            StoreOptions options;
            try
            {
                options = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"error: invalid configuration: {string.Join("; ", e.Failures)}");
                return 2;
            }
            var where = options.IsPostgres ? "the PostgreSQL store" : $"'{Path.GetFullPath(options.SqlitePath)}'";
            if (!options.IsPostgres && !File.Exists(options.SqlitePath))
            {
                await Console.Error.WriteLineAsync($"error: store {where} does not exist");
                return 2;
            }
            var store = provider.GetRequiredService<IArticleStore>();
            var id = parse.GetValue(articleId)!;
            try
            {
                if (!await store.DeleteAsync(id, cancellationToken))
                {
                    await Console.Error.WriteLineAsync($"article {id} is not in {where}");
                    return 1;
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException)
            {
                await Console.Error.WriteLineAsync($"error: cannot reach {where}: {e.Message}");
                return 1;
            }
            Console.WriteLine($"removed {id} from {where}");
            return 0;
        });
        return command;
    }
}
