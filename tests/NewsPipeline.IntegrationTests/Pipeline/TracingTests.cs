using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Contracts;
using NewsPipeline.Hosting;
using NewsPipeline.Watcher;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// One trace from the watcher's claim to the public event (issue 20): the claim span's context travels in the message
/// headers, so the worker's and the sink's spans, and the publish of ArticleProcessed, are in its trace. Embedded (in-memory
/// transport) here, and with the three roles as three hosts on one RabbitMQ virtual host in <see cref="RabbitMqTracingTests"/>.
/// </summary>
public sealed class TracingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Embedded_OneFile_OneTraceFromClaimToPublicEvent()
    {
        using var folders = new Folders();
        var settings = folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        settings["Log:File"] = Path.Combine(folders.Root, "logs", "newspipeline.json");
        var spans = new List<Activity>();
        var app = PipelineHost.Build(Roles.All, settings, s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        await RunAsync(folders, [app]);

        var claim = AssertOneTrace(spans, output);
        // The log lines written inside the trace carry its id (@tr, and @sp the span's) in the JSON log file.
        var log = string.Concat(Directory.EnumerateFiles(Path.Combine(folders.Root, "logs")).Select(File.ReadAllText));
        Assert.Contains($"\"@tr\":\"{claim.TraceId}\"", log, StringComparison.Ordinal);
        Assert.Contains("\"@sp\":", log, StringComparison.Ordinal);
    }

    /// <summary>Starts the hosts, drops the seed article, waits for its outcome, then stops them: every span is exported once they are disposed.</summary>
    internal static async Task RunAsync(Folders folders, IReadOnlyList<WebApplication> hosts)
    {
        try
        {
            foreach (var host in hosts)
                await host.StartAsync();
            foreach (var host in hosts)
                Assert.True(await Folders.WaitUntilAsync(async () =>
                    await host.Services.GetRequiredService<IBusReadiness>().NotReadyReasonAsync(CancellationToken.None) is null, Timeout), "a role never became ready");
            folders.Drop("blinken-thehill.txt", TestPaths.SeedArticle());
            Assert.True(await Folders.WaitForFileAsync(Path.Combine(folders.Done, "blinken-thehill.txt"), Timeout), folders.Listing());
        }
        finally
        {
            foreach (var host in hosts.Reverse())
            {
                await host.StopAsync();
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>The claim span, once its trace is checked.</summary>
    internal static Activity AssertOneTrace(List<Activity> spans, ITestOutputHelper output)
    {
        var all = spans.ToList();
        foreach (var s in all)
            output.WriteLine($"{s.TraceId} {s.SpanId} <- {s.ParentSpanId} {s.Source.Name} {s.Kind} '{s.DisplayName}' {string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}");
        var claim = Assert.Single(all, s => s.Source.Name == WatcherTracing.SourceName && s.DisplayName == WatcherTracing.Claim);
        var trace = all.Where(s => s.TraceId == claim.TraceId).ToList();
        var text = trace.Select(s => $"{s.Kind} {s.DisplayName} {string.Join(' ', s.TagObjects.Select(t => t.Value))}").ToList();
        // The worker consumed the claim's message, the sink consumed the worker's, and the sink published the public event.
        Assert.Contains(text, t => t.StartsWith("Consumer", StringComparison.Ordinal) && t.Contains(Endpoints.Worker, StringComparison.Ordinal));
        Assert.Contains(text, t => t.StartsWith("Consumer", StringComparison.Ordinal) && t.Contains(Endpoints.Sink, StringComparison.Ordinal));
        Assert.Contains(text, t => t.StartsWith("Producer", StringComparison.Ordinal) && t.Contains("ArticleProcessed", StringComparison.Ordinal));
        // Every span of the trace descends from the claim.
        var ids = trace.ToDictionary(s => s.SpanId);
        foreach (var span in trace)
        {
            var at = span;
            while (at != claim && ids.TryGetValue(at.ParentSpanId, out var parent))
                at = parent;
            Assert.True(at == claim, $"'{span.DisplayName}' does not descend from the claim");
        }
        return claim;
    }
}
