using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>`process` and `run` are one flow: the same steps, the same configuration, the same answers. Real processes.</summary>
public sealed class OneFlowTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly string _root = Directory.CreateTempSubdirectory("np-oneflow-").FullName;

    private const string Story = "The central bank raised its main interest rate by half a point on Thursday, the third increase this year, saying inflation was still far above its target.\n\n"
        + "The governor told reporters that further rises could follow if prices for energy and food kept climbing through the winter months.\n\n"
        + "Shares in banks rose after the announcement while the currency gained against the dollar and the euro in early trading.";

    /// <summary>Plain text with furniture the warm-up taught, HTML, JSON, an exact copy, a near copy and bad files.</summary>
    private static Dictionary<string, byte[]> MixedFolder()
    {
        var files = new Dictionary<string, byte[]>();
        for (var i = 10; i < 14; i++)
            files[$"site/page-{i}.txt"] = Encoding.UTF8.GetBytes(SitePages.Page(i));
        files["news/rates.txt"] = Encoding.UTF8.GetBytes("Central bank raises rates again\n\n" + Story);
        files["news/rates-copy.txt"] = files["news/rates.txt"];
        files["news/rates-wire.txt"] = Encoding.UTF8.GetBytes("Bank lifts rates for third time\n\n" + Story + "\n\nReporting by Anna Berg; editing by Tom Hale.");
        files["pages/match.html"] = Encoding.UTF8.GetBytes("""
            <!doctype html><html><head><title>United win the derby late - Sports Daily</title><meta property="og:site_name" content="Sports Daily"></head>
            <body><nav><a href="/">Home</a> <a href="/football">Football</a></nav><article><h1>United win the derby late</h1>
            <p>United beat City two goals to one on Saturday with a header in the final minute of the match, moving three points clear at the top of the league table.</p>
            <p>The manager praised his defenders after the game and said the team had shown the character needed to win the title this season.</p>
            <p>City had led for most of the second half after a penalty, but could not hold on as United pressed forward in the last ten minutes.</p></article>
            <footer>Copyright Sports Daily. All rights reserved.</footer></body></html>
            """);
        files["feeds/chip.json"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            title = "Chip maker doubles its profit",
            body = "The chip maker reported that its quarterly profit doubled as demand for processors used in data centres kept growing, and it raised its forecast for the rest of the year.\n\nIts shares rose eight percent in trading after the market closed.",
            source = "Tech Wire",
        }));
        files["bad/empty.txt"] = [];
        files["bad/broken.json"] = "{\"title\": \"cut o"u8.ToArray();
        return files;
    }

    private static void Write(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
            File.WriteAllBytes(temp, content);
            File.Move(temp, path);
        }
    }

    private static Dictionary<string, byte[]> WarmUp() =>
        Enumerable.Range(0, 6).ToDictionary(i => $"warmup/page-{i}.txt", i => Encoding.UTF8.GetBytes(SitePages.Page(i)));

    /// <summary>What the test compares per file: status class, title, body, category, and the story it belongs to.</summary>
    private sealed record Outcome(bool Stored, string? Title, string? Body, string? Category, string? StoryId);

    [Fact]
    public async Task ProcessAndRun_SameMixedFolderAfterTheSameWarmUp_SameArticlesAndDuplicateDecisions()
    {
        var expected = MixedFolder();

        // `process`: the warm-up teaches the store the site's furniture, then the folder.
        var processDb = Path.Combine(_root, "process.db");
        Write(Path.Combine(_root, "warmup-in"), WarmUp());
        Write(Path.Combine(_root, "mixed-in"), expected);
        await ProcessAsync(Path.Combine(_root, "warmup-in"), Path.Combine(_root, "warmup.jsonl"), processDb);
        await ProcessAsync(Path.Combine(_root, "mixed-in"), Path.Combine(_root, "mixed.jsonl"), processDb);
        var byProcess = File.ReadAllLines(Path.Combine(_root, "mixed.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(l => l.GetProperty("file").GetString()!, l => new Outcome(
                l.GetProperty("status").GetString() != "rejected", l.GetProperty("title").GetString(), l.GetProperty("body").GetString(),
                l.GetProperty("category").GetString(), l.GetProperty("storyId").GetString()));

        // `run`: the same warm-up dropped into its inbox, then the same folder.
        using var folders = new Folders();
        var settings = folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        await using var run = PipelineProcess.Start("all", settings);
        Dictionary<string, Outcome> byRun;
        try
        {
            Write(folders.Inbox, WarmUp());
            await WaitForOutcomesAsync(folders, 6, run);
            Write(folders.Inbox, expected);
            await WaitForOutcomesAsync(folders, 6 + expected.Count, run);
            byRun = ReadRunOutcomes(folders, expected.Keys);
        }
        catch (Exception) when (Dump(run, folders))
        {
            throw;
        }

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), byProcess.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), byRun.Keys.Order(StringComparer.Ordinal));
        foreach (var file in expected.Keys)
        {
            var (p, r) = (byProcess[file], byRun[file]);
            Assert.True(p.Stored == r.Stored, $"{file}: process stored={p.Stored}, run stored={r.Stored}; process said: "
                + File.ReadAllLines(Path.Combine(_root, "mixed.jsonl")).FirstOrDefault(l => l.Contains($"\"file\":\"{file}\"", StringComparison.Ordinal)));
            if (!p.Stored)
                continue;
            Assert.Equal((file, p.Title, p.Category), (file, r.Title, r.Category));
            Assert.Equal((file, p.Body), (file, r.Body));
        }
        // Which member of a story is "first" depends on arrival order in `run`; the grouping into stories does not.
        Assert.Equal(Stories(byProcess), Stories(byRun));
        Assert.DoesNotContain(SitePages.AboutBox, byProcess["site/page-10.txt"].Body);
        Assert.Equal(byProcess["news/rates.txt"].StoryId, byProcess["news/rates-wire.txt"].StoryId);
    }

    private static string[] Stories(Dictionary<string, Outcome> outcomes) => outcomes.Where(o => o.Value.Stored)
        .GroupBy(o => o.Value.StoryId)
        .Select(g => string.Join(" + ", g.Select(o => o.Key).Order(StringComparer.Ordinal)))
        .Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task RunAndTail_UrlInJsonFileAndEnvironment_BothUseTheEnvironmentsValue()
    {
        var (filePort, envPort) = (FreePort(), FreePort());
        var cwd = Path.Combine(_root, "cwd");
        Directory.CreateDirectory(cwd);
        File.WriteAllText(Path.Combine(cwd, "newspipeline.json"), $$"""{ "Http": { "Url": "http://127.0.0.1:{{filePort}}" } }""");
        using var folders = new Folders();
        var settings = folders.Settings();
        settings["Http:Url"] = $"http://127.0.0.1:{envPort}";

        await using var run = PipelineProcess.StartCommand(["run"], settings, cwd);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.True(await WaitAsync(async () => await IsLiveAsync(http, envPort), Deadline), $"run never answered on the environment's port {envPort}:\n{run.Output}");
        Assert.False(await IsLiveAsync(http, filePort), $"run also answers on the file's port {filePort}");

        // health (the container check) reads the same sources: ready on the environment's port, nothing on the file's.
        await using (var health = PipelineProcess.StartCommand(["health"], new Dictionary<string, string?> { ["Http:Url"] = settings["Http:Url"] }, cwd))
        {
            Assert.True(await health.WaitForExitAsync(Deadline), health.Output);
            Assert.True(health.ExitCode == 0 && health.Output.StartsWith("200", StringComparison.Ordinal), $"health exited {health.ExitCode}: {health.Output}");
        }
        await using (var none = PipelineProcess.StartCommand(["health", "--url", $"http://127.0.0.1:{filePort}"], new Dictionary<string, string?>(), cwd))
        {
            Assert.True(await none.WaitForExitAsync(Deadline), none.Output);
            Assert.True(none.ExitCode == 1, $"health of a port nobody listens on exited {none.ExitCode}: {none.Output}");
        }

        // tail reads the same sources: it must dial the environment's port, and so print the event of a dropped file.
        await using var tail = PipelineProcess.StartCommand(["tail"], new Dictionary<string, string?> { ["Http:Url"] = settings["Http:Url"] }, cwd);
        bool Seen() => tail.Output.Contains("\"event\":\"ArticleProcessed\"", StringComparison.Ordinal);
        await WaitAsync(() =>
        {
            // tail says nothing when it has subscribed, so a new file each second until its event shows (or tail gives up).
            if (tail.HasExited || Seen()) return Task.FromResult(true);
            folders.Drop($"seed-{Guid.NewGuid():N}.txt", TestPaths.SeedArticle());
            return Task.FromResult(false);
        }, Deadline, TimeSpan.FromSeconds(1));
        Assert.True(Seen(), $"tail printed no event (exited: {tail.HasExited}):\n{tail.Output}\n--- run ---\n{run.Output}");
    }

    private static async Task ProcessAsync(string folder, string outputPath, string db)
    {
        await using var process = PipelineProcess.StartCommand(["process", folder, "--output", outputPath, "--db", db], new Dictionary<string, string?>());
        Assert.True(await process.WaitForExitAsync(Deadline), $"process did not finish:\n{process.Output}");
        Assert.True(process.ExitCode == 0, $"process exited {process.ExitCode}:\n{process.Output}");
    }

    private static async Task WaitForOutcomesAsync(Folders folders, int count, PipelineProcess run)
    {
        int Finished() => (Directory.Exists(folders.Done) ? Directory.EnumerateFiles(folders.Done, "*", SearchOption.AllDirectories).Count() : 0)
            + (Directory.Exists(folders.Failed) ? Directory.EnumerateFiles(folders.Failed, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".error.json", StringComparison.Ordinal)) : 0);
        Assert.True(await WaitAsync(() => Task.FromResult(Finished() >= count || run.HasExited), Deadline) && !run.HasExited,
            $"expected {count} files with outcomes, saw {Finished()} (run exited: {run.HasExited})");
    }

    /// <summary>The stored outcome of each file (article content joined to its delivery); files in failed/ are rejected.</summary>
    private static Dictionary<string, Outcome> ReadRunOutcomes(Folders folders, IEnumerable<string> files)
    {
        var outcomes = new Dictionary<string, Outcome>();
        using (var connection = new SqliteConnection($"Data Source={folders.Database};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT d.file_name, a.title, a.body, a.category, d.story_id FROM deliveries d JOIN articles a ON a.article_id = d.article_id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                outcomes[reader.GetString(0)] = new Outcome(true, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }
        foreach (var file in files.Where(f => !outcomes.ContainsKey(f)))
            if (File.Exists(Path.Combine(folders.Failed, file)))
                outcomes[file] = new Outcome(false, null, null, null, null);
        foreach (var warm in outcomes.Keys.Where(k => k.StartsWith("warmup/", StringComparison.Ordinal)).ToList())
            outcomes.Remove(warm);
        return outcomes;
    }

    private bool Dump(PipelineProcess run, Folders folders)
    {
        output.WriteLine($"--- run (exited: {run.HasExited}) ---\n{run.Output}");
        foreach (var folder in new[] { folders.Inbox, folders.Processing, folders.Done, folders.Failed })
            if (Directory.Exists(folder))
                output.WriteLine($"{folder}: {string.Join(", ", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)))}");
        return false;
    }

    private static async Task<bool> IsLiveAsync(HttpClient http, int port)
    {
        try
        {
            return (await http.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null) =>
        Folders.WaitUntilAsync(condition, timeout, every);

    private static int FreePort() => Testing.FreePort.Pick();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, true);
        }
        catch (IOException)
        {
            // a process may still hold a file for a moment; the temp folder is cleaned by the OS later
        }
    }
}
