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
