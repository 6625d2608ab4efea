using System.CommandLine;
using NewsPipeline.Hosting;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli;

/// <summary>
/// `remove`: deletes an article (and every delivery of it) from the store. A running sink keeps its index in memory:
/// run this while the sink is stopped; its next start rebuilds the index from the store without the article.
/// </summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        var articleId = new Argument<string>("articleId") { Description = "ArticleId to remove" };
        var db = new Option<FileInfo?>("--db") { Description = "SQLite store (default: Store:SqlitePath)" };
        var command = new Command("remove", "Remove an article from the store (and so from the duplicate index at the next start)") { articleId, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(db)?.FullName ?? AppConfiguration.Load().GetValue<string>("Store:SqlitePath") ?? "data/newspipeline.db";
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"error: store '{path}' does not exist");
                return 2;
            }
            var store = new SqliteArticleStore(path);
            var id = parse.GetValue(articleId)!;
            if (!await store.DeleteAsync(id, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"article {id} is not in '{path}'");
                return 1;
            }
            Console.WriteLine($"removed {id} from {path}");
            return 0;
        });
        return command;
    }
}
