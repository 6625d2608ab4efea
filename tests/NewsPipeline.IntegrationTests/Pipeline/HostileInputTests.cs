using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using NewsPipeline.Hosting;
using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>Bounded cost: hostile pages never stall the others, and a stop always ends. Real files, real processes.</summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly Folders _folders = new();
    private WebApplication? _app;

    public Task InitializeAsync() => Task.CompletedTask;

    private static string Page(string body) => "<!DOCTYPE html><html><head><title>Generated</title></head><body>" + body + "</body></html>";

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    private static byte[] Article(int n) => Encoding.UTF8.GetBytes(
        $"Ferry service number {n} resumes\n\nThe ferry service number {n} resumed on Tuesday after a strike of {n + 3} days that left thousands of commuters without a way across the bay.\n\n"
        + $"The operator said {n % 7 + 2} boats would run every hour from Wednesday and that tickets bought during the strike would be refunded.\n");

    private Dictionary<string, string?> Settings()
    {
        var settings = _folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        settings["Watcher:MaxFileBytes"] = "8000000";
        return settings;
    }

    [Fact]
    public async Task NastyPagesAmongNormalFiles_NormalFilesAllDoneDeepPageCutDownHugePageRejectedNamingTheCap()
    {
        _app = PipelineHost.Build(Roles.All, Settings());
        await _app.StartAsync();
        // The page: 280,000 nested divs (3 MB); and 600,000 tiny elements, over the element cap.
        _folders.Drop("nasty/deep.html", Encoding.UTF8.GetBytes(Page(Repeat("<div>", 280_000) + "<p>The one sentence at the bottom of a very deep page, long enough to count as its text.</p>")));
        _folders.Drop("nasty/many.html", Encoding.UTF8.GetBytes(Page(Repeat("<i></i>", 600_000))));
        for (var i = 0; i < 100; i++)
            _folders.Drop($"normal/{i:D3}.txt", Article(i));

        Assert.True(await WaitAsync(() => Count(_folders.Done, "normal") == 100), $"not every normal file was done\n{Listing()}");
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Failed, "nasty", "many.html.error.json"), Timeout), Listing());
        using var reason = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folders.Failed, "nasty", "many.html.error.json")));
        Assert.Contains("100,000 elements (cap)", reason.RootElement.GetProperty("reason").GetString());
        Assert.True(await Folders.WaitForFileAsync(Path.Combine(_folders.Done, "nasty", "deep.html"), Timeout), Listing());
    }

    [Fact]
    public async Task Sigterm_WhileSlowPagesAreAnalysed_ExitsWithinTheShutdownTimeoutPlusFiveSecondsAndTheyAreAnnouncedAgain()
    {
        var shutdown = TimeSpan.FromSeconds(2);
        var settings = Settings();
        settings["Host:ShutdownTimeout"] = "00:00:02";
        settings["Worker:AnalysisBudget"] = "00:02:00";
        // Each of these costs the parser a walk of up to 512 open elements per block: seconds of CPU, bounded.
        var slow = Encoding.UTF8.GetBytes(Page(Repeat("<div><b></div>x", 45_000)));
        await using var run = PipelineProcess.StartCommand(["run"], settings);
        Assert.True(await WaitAsync(() => run.Output.Contains("Watching", StringComparison.Ordinal) || run.HasExited), $"run did not start:\n{run.Output}");
        for (var i = 0; i < 12; i++)
            _folders.Drop($"slow-{i}.html", [.. slow, .. Encoding.UTF8.GetBytes($"<!-- {i} -->")]);
        Assert.True(await WaitAsync(() => Count(_folders.Processing, "") >= 1 || Count(_folders.Done, "") + Count(_folders.Failed, "") == 12),
            $"nothing was claimed\n{Listing()}\n{run.Output}");

        var stopwatch = Stopwatch.StartNew();
        var exited = await run.StopAsync(shutdown + TimeSpan.FromSeconds(5) + TimeSpan.FromSeconds(3));
        output.WriteLine($"exited {stopwatch.Elapsed.TotalSeconds:F1} s after SIGTERM (Host:ShutdownTimeout {shutdown.TotalSeconds} s)");
        Assert.True(exited, $"still running {stopwatch.Elapsed} after SIGTERM\n{run.Output}");
        var unfinished = Count(_folders.Processing, "");
        output.WriteLine($"{unfinished} file(s) unfinished at the stop");

        // The next start announces the unfinished ones again (as another attempt) and every file gets its outcome.
        settings["Host:ShutdownTimeout"] = "00:00:30";
        await using var again = PipelineProcess.StartCommand(["run"], settings);
        Assert.True(await WaitAsync(() => Count(_folders.Done, "") + Count(_folders.Failed, "") == 12),
            $"not every slow file got its outcome after the restart\n{Listing()}\n{again.Output}");
        if (unfinished > 0)
            Assert.Contains("attempt 2", again.Output, StringComparison.Ordinal);
    }

    private static int Count(string folder, string sub) => Folders.Count(folder, sub);

    private static Task<bool> WaitAsync(Func<bool> condition) => Folders.WaitUntilAsync(condition, Timeout);

    private string Listing() => _folders.Listing();

    public async Task DisposeAsync()
    {
        output.WriteLine(Listing());
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        _folders.Dispose();
    }
}
