using Microsoft.Extensions.Options;
using NewsPipeline.Dashboard;
using NewsPipeline.Processing;
using NewsPipeline.Sink;
using NewsPipeline.Storage;
using NewsPipeline.Watcher;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace NewsPipeline.Hosting;

/// <summary>
/// OpenTelemetry for the libraries' instruments and MassTransit's meter: Prometheus text on /metrics, OTLP export when
/// Metrics:OtlpEndpoint is set, and the dashboard's own listener. The libraries only create instruments
/// (System.Diagnostics.Metrics); this is the one place that decides who reads them.
/// </summary>
internal static class MetricsExtensions
{
    /// <summary>MassTransit's own meter (InstrumentationOptions.MeterName's default).</summary>
    public const string MassTransitMeter = "MassTransit";

    public static MetricsOptions AddNewsPipelineMetrics(this WebApplicationBuilder builder, Roles roles)
    {
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled)
            return options;
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out otlp))
            throw new OptionsValidationException("Metrics:OtlpEndpoint", typeof(MetricsOptions), [$"Metrics:OtlpEndpoint must be an absolute URL, not '{options.OtlpEndpoint}'"]);
        var protocol = options.OtlpProtocol.Trim().ToLowerInvariant() switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new OptionsValidationException("Metrics:OtlpProtocol", typeof(MetricsOptions), [$"Metrics:OtlpProtocol must be grpc or http/protobuf, not '{options.OtlpProtocol}'"]),
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("newspipeline", serviceInstanceId: $"{Environment.MachineName}:{roles}:{Environment.ProcessId}")
                .AddAttributes([new("newspipeline.role", roles.ToString())]))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WatcherMetrics.MeterName, ProcessingMetrics.MeterName, SinkMetrics.MeterName, StorageMetrics.MeterName);
                if (options.MassTransit)
                    metrics.AddMeter(MassTransitMeter);
                metrics.AddPrometheusExporter();
                if (otlp is not null)
                    metrics.AddOtlpExporter(o =>
                    {
                        o.Endpoint = otlp;
                        o.Protocol = protocol;
                    });
            });
        builder.Services.AddSingleton<DashboardCollector>();
        builder.Services.AddSingleton<DashboardObserver>();
        return options;
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
