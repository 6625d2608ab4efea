using System.Text;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>/metrics of real processes after real files: the embedded `run`, and each role on RabbitMQ for its own part.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class MetricsEndpointTests(RabbitMqBroker broker) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Folders _folders = new();

    /// <summary>10 articles of one site (its about box learned as furniture), a copy, an empty file and one over the size cap.</summary>
    private int DropMix()
    {
        for (var n = 1; n <= 10; n++)
            _folders.Drop($"site/page-{n:00}.txt", Encoding.UTF8.GetBytes(SitePages.Page(n)));
        _folders.Drop("copy-of-page-01.txt", Encoding.UTF8.GetBytes(SitePages.Page(1)));
        _folders.Drop("empty.txt", []);
        _folders.Drop("huge.txt", Encoding.UTF8.GetBytes(new string('a', 100_001)));
        return 13;
    }

    [Fact]
    public async Task Run_FilesDropped_MetricsCountEveryOutcomeStageAndGauge()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var settings = _folders.Settings();
        settings["Http:Url"] = url;
        await using var run = PipelineProcess.StartCommand(["run"], settings);
        Assert.True(await Folders.WaitUntilAsync(async () => await GetAsync(url + "/health/ready") is not null || run.HasExited, Deadline), $"run never ready:\n{run.Output}");

        var files = DropMix();
        var text = "";
        // Counted once the outcome's file move is done: wait on the counter itself, not on the folders.
        var counted = await Folders.WaitUntilAsync(async () =>
        {
            text = await GetAsync(url + "/metrics") ?? "";
            return PrometheusText.Sum(text, "newspipeline_articles_total") >= files || run.HasExited;
        }, Deadline);
        Assert.True(counted && !run.HasExited, $"articles counted: {PrometheusText.Sum(text, "newspipeline_articles_total")} of {files}\n{_folders.Listing()}\n{text}\n{run.Output}");
        text = await GetAsync(url + "/metrics") ?? "";

        Assert.Equal(10, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "processed")));
        Assert.Equal(1, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "duplicate")));
        Assert.Equal(1, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "rejected"), ("stage", "normalise")));
        Assert.Equal(1, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "rejected"), ("stage", "watcher")));
        Assert.Equal(files, PrometheusText.Sum(text, "newspipeline_articles_total", ("input_kind", "text")));
        // Every processed or duplicate article has a category; together they are the 11 articles.
        Assert.Equal(11, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "processed")) + PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "duplicate")));
        Assert.Contains("category=\"", text, StringComparison.Ordinal);

        // The file over the cap never reaches a worker; the empty one stops at normalise.
        Assert.Equal(12, PrometheusText.Sum(text, "newspipeline_stage_duration_seconds_count", ("stage", "normalise")));
        Assert.Equal(11, PrometheusText.Sum(text, "newspipeline_stage_duration_seconds_count", ("stage", "fingerprint")));
        Assert.Equal(11, PrometheusText.Sum(text, "newspipeline_stage_duration_seconds_count", ("stage", "classify")));
        Assert.True(PrometheusText.Sum(text, "newspipeline_stage_duration_seconds_sum", ("stage", "normalise")) > 0, text);
        Assert.Equal(files, PrometheusText.Sum(text, "newspipeline_file_duration_seconds_count"));
        Assert.True(PrometheusText.Sum(text, "newspipeline_record_duration_seconds_count") >= 1, text);
        Assert.Equal(11, PrometheusText.Sum(text, "newspipeline_sink_articles_total"));

        Assert.Equal(10, PrometheusText.Sum(text, "newspipeline_dedup_index_size"));
        Assert.True(PrometheusText.Sum(text, "newspipeline_boilerplate_lines") >= 1, $"the site's about box was not learned:\n{text}");
        Assert.Equal(0, PrometheusText.Sum(text, "newspipeline_processing_files"));
        Assert.Equal(0, PrometheusText.Sum(text, "newspipeline_inbox_files"));
        Assert.True(PrometheusText.Has(text, "newspipeline_inbox_oldest_age_seconds"), text);
        // MassTransit's own meter.
        Assert.True(PrometheusText.Sum(text, "messaging_masstransit_consume_duration_milliseconds_count", ("messaging_masstransit_consumer_type", "AnalyseArticleConsumer")) >= 1, text);
        Assert.DoesNotContain("usage telemetry", run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Roles_FilesDropped_EachRoleServesMetricsForItsOwnPart()
    {
        var virtualHost = await broker.NewVirtualHostAsync("metrics");
        var roles = new List<(string Role, string Url, PipelineProcess Process)>();
        try
        {
            foreach (var role in new[] { "sink", "worker", "watcher" })
            {
                var settings = _folders.Settings();
                broker.AddBusSettings(settings, virtualHost);
                var url = $"http://127.0.0.1:{FreePort()}";
                settings["Http:Url"] = url;
                roles.Add((role, url, PipelineProcess.Start(role, settings)));
            }
            foreach (var (role, url, process) in roles)
                Assert.True(await Folders.WaitUntilAsync(async () => await GetAsync(url + "/health/ready") is not null || process.HasExited, Deadline),
                    $"{role} never ready:\n{process.Output}");

            var files = DropMix();
            var (sink, worker, watcher) = (roles[0], roles[1], roles[2]);
            var text = "";
            Assert.True(await Folders.WaitUntilAsync(async () =>
            {
                text = await GetAsync(watcher.Url + "/metrics") ?? "";
                return PrometheusText.Sum(text, "newspipeline_articles_total") >= files;
            }, Deadline), $"watcher counted {PrometheusText.Sum(text, "newspipeline_articles_total")} of {files}\n{_folders.Listing()}\n{Logs(roles)}");
            Assert.Equal(10, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "processed")));
            Assert.Equal(1, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "duplicate")));
            Assert.Equal(2, PrometheusText.Sum(text, "newspipeline_articles_total", ("outcome", "rejected")));
            Assert.False(PrometheusText.Has(text, "newspipeline_stage_duration_seconds_count"), "the watcher analyses nothing");

            var analysed = await GetAsync(worker.Url + "/metrics") ?? "";
            Assert.Equal(12, PrometheusText.Sum(analysed, "newspipeline_stage_duration_seconds_count", ("stage", "normalise")));
            Assert.Equal(11, PrometheusText.Sum(analysed, "newspipeline_worker_articles_total", ("result", "analysed")));
            Assert.True(PrometheusText.Sum(analysed, "newspipeline_boilerplate_lines") >= 1, analysed);
            Assert.False(PrometheusText.Has(analysed, "newspipeline_articles_total"), "the worker applies no outcome");

            var recorded = await GetAsync(sink.Url + "/metrics") ?? "";
            Assert.Equal(11, PrometheusText.Sum(recorded, "newspipeline_sink_articles_total", ("redelivered", "false")));
            Assert.Equal(10, PrometheusText.Sum(recorded, "newspipeline_dedup_index_size"));
            Assert.True(PrometheusText.Has(recorded, "messaging_masstransit_consume_duration_milliseconds_count"), recorded);

            // `status` asks the watcher for backlog and outcomes, and the broker for the queues: no management API
            // here (the test node has no plugins), so the one configured is tried, reported and passed over for AMQP.
            var statusSettings = new Dictionary<string, string?> { ["Bus:RabbitMq:ManagementUrl"] = $"http://127.0.0.1:{FreePort()}" };
            broker.AddBusSettings(statusSettings, virtualHost);
            await using var status = PipelineProcess.StartCommand(["status", "--url", watcher.Url], statusSettings);
            Assert.True(await status.WaitForExitAsync(Deadline), status.Output);
            Assert.True(status.ExitCode == 0, $"status exited {status.ExitCode}:\n{status.Output}");
            foreach (var expected in new[] { "role watcher, transport RabbitMq", "backlog: 0 file(s) waiting in the inbox", "processing: 0 file(s)", "processed 10",
                "duplicate 1", "did not answer", "over AMQP, passive declare", "newspipeline-worker: 0 / 1", "newspipeline-sink: 0 / 1", "newspipeline-watcher-files: 0 / 1" })
                Assert.True(status.Output.Contains(expected, StringComparison.Ordinal), $"status printed no '{expected}':\n{status.Output}");
        }
        finally
        {
            foreach (var (_, _, process) in roles)
                await process.DisposeAsync();
        }
    }

    private static string Logs(IEnumerable<(string Role, string Url, PipelineProcess Process)> roles) =>
        string.Join('\n', roles.Select(r => $"--- {r.Role} (exited: {r.Process.HasExited}) ---\n{r.Process.Output}"));

    private async Task<string?> GetAsync(string url)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    internal static int FreePort() => Testing.FreePort.Pick();

    public void Dispose()
    {
        _http.Dispose();
        _folders.Dispose();
    }
}
