using Microsoft.Extensions.Options;

namespace NewsPipeline.Hosting;

/// <summary>Config section "Http": where health checks, metrics, the dashboard and the embedded event stream listen.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Loopback by default: health and events are for the operator, not the network.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The URL, or a validation error naming the key: Kestrel's own message for a bad one names neither.</summary>
    public string Validated() =>
        Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath is "/" or ""
            ? Url
            : throw new OptionsValidationException("Http:Url", typeof(HttpOptions), [$"Http:Url must be an address such as http://127.0.0.1:5080, not '{Url}'"]);
}
