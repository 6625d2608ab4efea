namespace NewsPipeline.Hosting;

/// <summary>Config section "Bus": which transport carries the messages.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>"InMemory" or "RabbitMq". Empty means InMemory for the embedded run and RabbitMq for a single role.</summary>
    public string? Transport { get; set; }

    public RabbitMqOptions RabbitMq { get; set; } = new();
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}
