using System.Text;
using System.Text.Json;
using NewsPipeline.Cli;

using NewsPipeline.Testing;

namespace NewsPipeline.Tests;

/// <summary>`process` through its real composition: the default model, the analyse and record steps, SQLite.</summary>
public sealed class ProcessCommandTests : IDisposable
{
    private static readonly string[] Fields =
    [
        "file", "status", "articleId", "title", "body", "byline", "authors", "source", "contributors", "url", "published", "modified",
        "language", "wordCount", "category", "confidence", "runnerUp", "runnerUpConfidence", "duplicateOf", "storyId",
        "similarity", "matchMethod", "matchSignal", "reason",
    ];

    private const string Article = "Blinken says US did not enable strikes\n\nSecretary of State Antony Blinken said on Friday that the United States did not encourage or enable Ukraine to strike inside Russia.\n\nHe spoke at a news conference in Prague after meeting NATO foreign ministers.\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("np-process-").FullName;

    private void Input(string folder, string relative, byte[] content)
    {
        var path = Path.Combine(_dir, folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private void Input(string relative, byte[] content) => Input("in", relative, content);

    private async Task<List<JsonElement>> RunAsync(string output, string folder = "in", string? db = null, long maxBytes = 1024 * 1024)
    {
        var path = Path.Combine(_dir, output);
        await ProcessCommand.RunAsync(Path.Combine(_dir, folder), path, db, TextWriter.Null, default,
            new Dictionary<string, string?> { ["Watcher:MaxFileBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task RunAsync_MixedFolder_OneLinePerFileInOrdinalOrderWithEveryField()
    {
        Input("b.txt", Encoding.UTF8.GetBytes(Article));
        Input("a/copy.txt", Encoding.UTF8.GetBytes(Article));
        Input("C.txt", Encoding.UTF8.GetBytes("Another headline\n\n" + Article[(Article.IndexOf('\n') + 2)..]));
        Input("empty.txt", []);
        Input("image.png", [0x89, 0x50, 0x4E, 0x47]);
        Input("big.txt", new byte[2000]);

        var lines = await RunAsync("out.jsonl", maxBytes: 1000);

        Assert.Equal(["C.txt", "a/copy.txt", "b.txt", "big.txt", "empty.txt", "image.png"], lines.Select(l => l.GetProperty("file").GetString()));
        Assert.All(lines, l => Assert.Equal(Fields, l.EnumerateObject().Select(p => p.Name)));
        var byFile = lines.ToDictionary(l => l.GetProperty("file").GetString()!);

        Assert.Equal("processed", byFile["C.txt"].GetProperty("status").GetString());
        Assert.Equal("World", byFile["C.txt"].GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, byFile["C.txt"].GetProperty("duplicateOf").ValueKind);
        var story = byFile["C.txt"].GetProperty("storyId").GetString();

        Assert.Equal("duplicate", byFile["a/copy.txt"].GetProperty("status").GetString());
        Assert.Equal("C.txt", byFile["a/copy.txt"].GetProperty("duplicateOf").GetString());
        Assert.Equal("exact", byFile["a/copy.txt"].GetProperty("matchMethod").GetString());
        Assert.Equal(story, byFile["a/copy.txt"].GetProperty("storyId").GetString());

        // Same bytes as a/copy.txt: the same article, so one row, and this file's own duplicate outcome.
        Assert.Equal("duplicate", byFile["b.txt"].GetProperty("status").GetString());
        Assert.Equal(byFile["a/copy.txt"].GetProperty("articleId").GetString(), byFile["b.txt"].GetProperty("articleId").GetString());

        foreach (var bad in new[] { "big.txt", "empty.txt", "image.png" })
        {
            Assert.Equal("rejected", byFile[bad].GetProperty("status").GetString());
            Assert.False(string.IsNullOrWhiteSpace(byFile[bad].GetProperty("reason").GetString()));
        }
        Assert.Contains("Watcher:MaxFileBytes", byFile["big.txt"].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RunAsync_TwiceOverSameFolder_SameOutputAndInputsUntouched()
    {
        Input("x/a.txt", Encoding.UTF8.GetBytes(Article));
        Input("y/b.txt", Encoding.UTF8.GetBytes("Other title\n\n" + Article));
        for (var i = 0; i < 200; i++) // more than one chunk, so learning between chunks happens too
            Input($"z/page-{i:D3}.txt", Encoding.UTF8.GetBytes(SitePages.Page(i)));

        await RunAsync("one.jsonl");
        await RunAsync("two.jsonl");

        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "one.jsonl")), File.ReadAllText(Path.Combine(_dir, "two.jsonl")));
        Assert.Equal(202, Directory.GetFiles(Path.Combine(_dir, "in"), "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task RunAsync_WithDb_SecondRunSeesFirstRunsArticles()
    {
        Input("a.txt", Encoding.UTF8.GetBytes(Article));
        var db = Path.Combine(_dir, "keep.db");

        await RunAsync("1.jsonl", db: db);
        File.Move(Path.Combine(_dir, "in", "a.txt"), Path.Combine(_dir, "in", "renamed.txt"));
        var line = Assert.Single(await RunAsync("2.jsonl", db: db));

        Assert.Equal("duplicate", line.GetProperty("status").GetString());
        Assert.Equal("a.txt", line.GetProperty("duplicateOf").GetString());
    }

    [Fact]
    public async Task RunAsync_RecurringFurniture_LearnedAndKeptInTheDbButAnEmptyStoreStartsEmpty()
    {
        for (var i = 0; i < 6; i++)
            Input("site", $"page-{i}.txt", Encoding.UTF8.GetBytes(SitePages.Page(i)));
        Input("later", "page-99.txt", Encoding.UTF8.GetBytes(SitePages.Page(99)));
        var db = Path.Combine(_dir, "learned.db");

        // One chunk: its pages are analysed before anything is learned from them.
        var first = await RunAsync("site.jsonl", "site", db);
        Assert.All(first, l => Assert.Contains(SitePages.AboutBox, l.GetProperty("body").GetString()));

        var withDb = Assert.Single(await RunAsync("later-db.jsonl", "later", db));
        var fresh = Assert.Single(await RunAsync("later-fresh.jsonl", "later"));

        Assert.DoesNotContain(SitePages.AboutBox, withDb.GetProperty("body").GetString());
        Assert.Contains("budget number 99", withDb.GetProperty("body").GetString());
        Assert.Contains(SitePages.AboutBox, fresh.GetProperty("body").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
