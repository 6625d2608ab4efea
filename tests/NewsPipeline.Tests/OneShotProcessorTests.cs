using System.Text;
using System.Text.Json;
using NewsPipeline.Cli;
using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Pipeline;
using NSubstitute;

namespace NewsPipeline.Tests;

public sealed class OneShotProcessorTests : IDisposable
{
    private static readonly string[] Fields =
    [
        "file", "status", "articleId", "title", "body", "byline", "authors", "source", "contributors", "url", "published",
        "language", "wordCount", "category", "confidence", "runnerUp", "runnerUpConfidence", "duplicateOf", "storyId",
        "similarity", "matchMethod", "reason",
    ];

    private const string Article = "Blinken says US did not enable strikes\n\nSecretary of State Antony Blinken said on Friday that the United States did not encourage or enable Ukraine to strike inside Russia.\n\nHe spoke at a news conference in Prague after meeting NATO foreign ministers.\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("np-process-").FullName;

    private OneShotProcessor NewProcessor(long maxBytes = 1024 * 1024)
    {
        var classifier = Substitute.For<ITopicClassifier>();
        classifier.Classify(Arg.Any<string>(), Arg.Any<string>()).Returns(new TopicPrediction("World", 0.8, "Business", 0.1));
        return new OneShotProcessor(new ArticleAnalyser(new ArticleNormaliser(), new Fingerprinter(), classifier), maxBytes, TextWriter.Null, TimeProvider.System);
    }

    private string Input(string relative, byte[] content)
    {
        var path = Path.Combine(_dir, "in", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private async Task<List<JsonElement>> RunAsync(string output, OneShotProcessor? processor = null)
    {
        await (processor ?? NewProcessor()).RunAsync(Path.Combine(_dir, "in"), output, null, default);
        return File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
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

        var lines = await RunAsync(Path.Combine(_dir, "out.jsonl"), NewProcessor(maxBytes: 1000));

        Assert.Equal(["C.txt", "a/copy.txt", "b.txt", "big.txt", "empty.txt", "image.png"], lines.Select(l => l.GetProperty("file").GetString()));
        Assert.All(lines, l => Assert.Equal(Fields, l.EnumerateObject().Select(p => p.Name)));
        var byFile = lines.ToDictionary(l => l.GetProperty("file").GetString()!);

        Assert.Equal("processed", byFile["C.txt"].GetProperty("status").GetString());
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
        Assert.Contains("cap", byFile["big.txt"].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RunAsync_TwiceOverSameFolder_SameOutputAndInputsUntouched()
    {
        var a = Input("x/a.txt", Encoding.UTF8.GetBytes(Article));
        Input("y/b.txt", Encoding.UTF8.GetBytes("Other title\n\n" + Article));

        await RunAsync(Path.Combine(_dir, "one.jsonl"));
        await RunAsync(Path.Combine(_dir, "two.jsonl"));

        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "one.jsonl")), File.ReadAllText(Path.Combine(_dir, "two.jsonl")));
        Assert.True(File.Exists(a));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_dir, "in"), "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task RunAsync_WithDb_SecondRunSeesFirstRunsArticles()
    {
        Input("a.txt", Encoding.UTF8.GetBytes(Article));
        var db = Path.Combine(_dir, "keep.db");

        await NewProcessor().RunAsync(Path.Combine(_dir, "in"), Path.Combine(_dir, "1.jsonl"), db, default);
        File.Move(Path.Combine(_dir, "in", "a.txt"), Path.Combine(_dir, "in", "renamed.txt"));
        await NewProcessor().RunAsync(Path.Combine(_dir, "in"), Path.Combine(_dir, "2.jsonl"), db, default);

        var line = JsonDocument.Parse(File.ReadAllLines(Path.Combine(_dir, "2.jsonl")).Single()).RootElement;
        Assert.Equal("duplicate", line.GetProperty("status").GetString());
        Assert.Equal("a.txt", line.GetProperty("duplicateOf").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
