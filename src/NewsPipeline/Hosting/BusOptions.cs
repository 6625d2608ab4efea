using Microsoft.Extensions.Options;

namespace NewsPipeline.Hosting;

/// <summary>Config section "Bus": which transport carries the messages.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";
    public const string InMemory = "InMemory";
    public const string RabbitMqTransport = "RabbitMq";

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

    /// <summary>Separate roles only make sense on a shared broker; one process with every role needs none. Null: not a transport.</summary>
    public string? ResolveTransport(Roles roles)
    {
        var transport = string.IsNullOrWhiteSpace(Transport) ? (roles.IsEmbedded ? InMemory : RabbitMqTransport) : Transport.Trim();
        return transport.Equals(InMemory, StringComparison.OrdinalIgnoreCase) ? InMemory
            : transport.Equals(RabbitMqTransport, StringComparison.OrdinalIgnoreCase) ? RabbitMqTransport
            : null;
    }
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

/// <summary>The transport must exist and fit the roles of this process.</summary>
public sealed class BusOptionsValidator(Roles roles) : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var errors = new List<string>();
        var transport = options.ResolveTransport(roles);
        if (transport is null)
            errors.Add($"Bus:Transport must be InMemory or RabbitMq, not '{options.Transport?.Trim()}'");
        else if (transport == BusOptions.InMemory && !roles.IsEmbedded)
            errors.Add($"Bus:Transport=InMemory cannot connect separate processes; role '{roles}' needs Bus:Transport=RabbitMq");
        if (options.RecoveryTimeout <= TimeSpan.Zero)
            errors.Add($"Bus:RecoveryTimeout must be positive, not {options.RecoveryTimeout}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
