using System.Text;
using Microsoft.Playwright;
using NewsPipeline.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// The dashboard in a real browser: Debian's chromium driven by Playwright (its driver ships in the NuGet package; no
/// browser download). The page is opened before the files are dropped, so what it shows arrived live.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly Folders _folders = new();

    [Fact]
    public async Task Dashboard_FilesDroppedWhileOpen_ShowsArticlesStoriesFailuresAndCounts()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/install-deps.sh installs Debian's chromium");
        var url = $"http://127.0.0.1:{MetricsEndpointTests.FreePort()}";
        var settings = _folders.Settings();
        settings["Http:Url"] = url;
        await using var run = PipelineProcess.StartCommand(["run"], settings);
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            Assert.True(await Folders.WaitUntilAsync(async () => run.HasExited || await IsReadyAsync(http, url), Deadline) && !run.HasExited, $"run never ready:\n{run.Output}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in CI has no user namespace for chromium's sandbox.
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1300 } });
        var timeout = (float)Deadline.TotalMilliseconds;
        try
        {
            await page.GotoAsync(url + "/");
            await Expect(page.GetByTestId("role")).ToContainTextAsync("role all", new() { Timeout = timeout });
            await Expect(page.GetByTestId("outcomes")).ToContainTextAsync("none yet", new() { Timeout = timeout });

            for (var n = 1; n <= 3; n++)
                _folders.Drop($"page-{n}.txt", Encoding.UTF8.GetBytes(SitePages.Page(n)));
            _folders.Drop("copy-of-page-1.txt", Encoding.UTF8.GetBytes(SitePages.Page(1)));
            _folders.Drop("empty.txt", []);

            var articles = page.GetByTestId("articles");
            for (var n = 1; n <= 3; n++)
                await Expect(articles).ToContainTextAsync($"Council approves budget number {n}", new() { Timeout = timeout });
            await Expect(articles).ToContainTextAsync("duplicate", new() { Timeout = timeout });
            await Expect(page.GetByTestId("failures")).ToContainTextAsync("empty.txt", new() { Timeout = timeout });
            await Expect(page.GetByTestId("failures")).ToContainTextAsync("empty file", new() { Timeout = timeout });
            await Expect(page.GetByTestId("stories")).ToContainTextAsync("Council approves budget number 1", new() { Timeout = timeout });
            await Expect(page.GetByTestId("stories")).ToContainTextAsync("1 copy", new() { Timeout = timeout });
            await Expect(page.Locator("#outcomes tr[data-key='processed'] td.num")).ToHaveTextAsync("3", new() { Timeout = timeout });
            await Expect(page.Locator("#outcomes tr[data-key='duplicate'] td.num")).ToHaveTextAsync("1", new() { Timeout = timeout });
            await Expect(page.Locator("#outcomes tr[data-key='rejected (normalise)'] td.num")).ToHaveTextAsync("1", new() { Timeout = timeout });
            await Expect(page.GetByTestId("categories")).Not.ToContainTextAsync("none yet", new() { Timeout = timeout });
            await Expect(page.GetByTestId("processing")).ToHaveTextAsync("0", new() { Timeout = timeout });
            await Expect(page.Locator("#chart canvas")).ToHaveCountAsync(1, new() { Timeout = timeout });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_folders.Root, "dashboard.png"), FullPage = true });
        }
        catch (Exception)
        {
            output.WriteLine($"--- page ---\n{await page.ContentAsync()}\n--- folders ---\n{_folders.Listing()}\n--- run ---\n{run.Output}");
            throw;
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url + "/health/ready"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _folders.Dispose();
}
