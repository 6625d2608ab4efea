using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using NewsPipeline.Hosting;
using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>The trace of <see cref="TracingTests"/> across the roles: watcher, worker and sink as three hosts on one RabbitMQ virtual host.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqTracingTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task RabbitMqRoles_OneFile_OneTraceAcrossWatcherWorkerAndSink()
    {
        using var folders = new Folders();
        var virtualHost = await broker.NewVirtualHostAsync("tracing");
        var spans = new List<Activity>();
        var hosts = new List<WebApplication>();
        foreach (var role in new[] { "sink", "worker", "watcher" })
        {
            var settings = folders.Settings();
            broker.AddBusSettings(settings, virtualHost);
            settings["Http:Url"] = "http://127.0.0.1:0";
            // Spans are seen by every listener of the process: one host exports them all, each once.
            hosts.Add(PipelineHost.Build(Roles.Parse(role), settings,
                role == "sink" ? s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)) : null));
        }
        await TracingTests.RunAsync(folders, hosts);

        TracingTests.AssertOneTrace(spans, output);
    }
}
