namespace NewsPipeline.Hosting;

/// <summary>Config section "Bus": which transport carries the messages.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>"InMemory" or "RabbitMq". Empty means InMemory for the embedded run and RabbitMq for a single role.</summary>
    public string? Transport { get; set; }

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// How long a receive endpoint may stay without consumer once the broker is reachable again before the process exits
    /// (code 4) for its process manager to restart it: the broker-crash wedge (docs/reliability.md) is cured by nothing else.
    /// </summary>
    public TimeSpan RecoveryTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>MassTransit's anonymous usage report to its authors; off unless set to true.</summary>
    public bool UsageTelemetry { get; set; }
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>RabbitMQ's management API (e.g. http://localhost:15672), for `status`'s queue depths; empty: not used.</summary>
    public string? ManagementUrl { get; set; }
}
