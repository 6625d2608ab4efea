using MassTransit.Logging;
using NewsPipeline.Dashboard;
using NewsPipeline.Processing;
using NewsPipeline.Sink;
using NewsPipeline.Storage;
using NewsPipeline.Watcher;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NewsPipeline.Hosting;

/// <summary>
/// OpenTelemetry, the one place that decides who reads the libraries' instruments and spans. Metrics: our meters and
/// MassTransit's, Prometheus text on /metrics, OTLP when Metrics:OtlpEndpoint is set, the dashboard's own listener.
/// Tracing: the watcher's "claim" and MassTransit's send/consume/publish spans (one trace from the claim to the public
/// event, across processes through the message headers), OTLP when Tracing:OtlpEndpoint is set.
/// </summary>
internal static class Telemetry
{
    /// <summary>MassTransit's own meter (InstrumentationOptions.MeterName's default).</summary>
    public const string MassTransitMeter = "MassTransit";

    public static void AddNewsPipelineTelemetry(this WebApplicationBuilder builder, Roles roles, MetricsOptions metrics, TracingOptions tracing)
    {
        if (!metrics.Enabled && !tracing.Enabled)
            return;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("newspipeline", serviceInstanceId: $"{Environment.MachineName}:{roles}:{Environment.ProcessId}")
                .AddAttributes([new("newspipeline.role", roles.ToString())]));
        if (metrics.Enabled)
        {
            otel.WithMetrics(m =>
            {
                m.AddMeter(WatcherMetrics.MeterName, ProcessingMetrics.MeterName, SinkMetrics.MeterName, StorageMetrics.MeterName);
                if (metrics.MassTransit)
                    m.AddMeter(MassTransitMeter);
                m.AddPrometheusExporter();
                if (Otlp.Endpoint(metrics.OtlpEndpoint) is { } endpoint)
                    m.AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (endpoint, Otlp.Protocol(metrics.OtlpProtocol)!.Value));
            });
            builder.Services.AddSingleton<DashboardCollector>();
            builder.Services.AddSingleton<DashboardObserver>();
        }
        if (tracing.Enabled)
        {
            otel.WithTracing(t =>
            {
                t.AddSource(WatcherTracing.SourceName, DiagnosticHeaders.DefaultListenerName);
                if (Otlp.Endpoint(tracing.OtlpEndpoint) is { } endpoint)
                    t.AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (endpoint, Otlp.Protocol(tracing.OtlpProtocol)!.Value));
            });
        }
    }

    /// <summary>/metrics, and the instruments created now: an observable gauge exists only once its class does.</summary>
    public static void MapNewsPipelineMetrics(this WebApplication app, MetricsOptions options)
    {
        if (!options.Enabled)
            return;
        _ = app.Services.GetRequiredService<DashboardCollector>();
        _ = app.Services.GetService<WatcherMetrics>();
        _ = app.Services.GetService<ProcessingMetrics>();
        _ = app.Services.GetService<SinkMetrics>();
        _ = app.Services.GetService<StorageMetrics>();
        app.MapPrometheusScrapingEndpoint();
    }
}
