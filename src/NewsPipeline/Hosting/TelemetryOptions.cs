using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace NewsPipeline.Hosting;

/// <summary>Config section "Metrics": the instruments' listeners (Prometheus on /metrics, the dashboard, OTLP).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>False: no /metrics, no OTLP export and an empty dashboard (the instruments then record to no one).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Also export MassTransit's own meter (receive, consume, send, publish counts and durations per endpoint).</summary>
    public bool MassTransit { get; set; } = true;

    /// <summary>OTLP collector address (e.g. http://collector:4318/v1/metrics with Protocol http/protobuf); empty: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (default, port 4317) or "http/protobuf" (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}

/// <summary>
/// Config section "Tracing": spans from the watcher's claim through MassTransit's send and consume to the public event.
/// On by default without an exporter, so that log lines carry TraceId and SpanId; OTLP export only when an endpoint is set.
/// </summary>
public sealed class TracingOptions
{
    public const string Section = "Tracing";

    /// <summary>False: no spans at all (and no TraceId on log lines).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>OTLP collector address (e.g. http://collector:4317 for grpc); empty: spans are not exported.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (default, port 4317) or "http/protobuf" (port 4318, path /v1/traces).</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}

/// <summary>The OTLP settings both sections share, checked the same way.</summary>
internal static class Otlp
{
    public static OtlpExportProtocol? Protocol(string value) => value.Trim().ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };

    public static Uri? Endpoint(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    public static IEnumerable<string> Check(string section, string? endpoint, string protocol)
    {
        if (!string.IsNullOrWhiteSpace(endpoint) && Endpoint(endpoint) is null)
            yield return $"{section}:OtlpEndpoint must be an absolute URL, not '{endpoint}'";
        if (Protocol(protocol) is null)
            yield return $"{section}:OtlpProtocol must be grpc or http/protobuf, not '{protocol}'";
    }
}

public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        !options.Enabled ? ValidateOptionsResult.Success
        : Otlp.Check(MetricsOptions.Section, options.OtlpEndpoint, options.OtlpProtocol).ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors)
        : ValidateOptionsResult.Success;
}

public sealed class TracingOptionsValidator : IValidateOptions<TracingOptions>
{
    public ValidateOptionsResult Validate(string? name, TracingOptions options) =>
        !options.Enabled ? ValidateOptionsResult.Success
        : Otlp.Check(TracingOptions.Section, options.OtlpEndpoint, options.OtlpProtocol).ToList() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors)
        : ValidateOptionsResult.Success;
}
