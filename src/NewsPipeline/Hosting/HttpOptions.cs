namespace NewsPipeline.Hosting;

/// <summary>Config section "Http": where health checks and the embedded event stream listen.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Loopback by default: health and events are for the operator, not the network.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";
}
