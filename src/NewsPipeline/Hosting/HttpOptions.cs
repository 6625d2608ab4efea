using Microsoft.Extensions.Options;

namespace NewsPipeline.Hosting;

/// <summary>Config section "Http": where health checks, metrics, the dashboard and the embedded event stream listen.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Loopback by default: health and events are for the operator, not the network.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// When set, /events, /api/* and /metrics answer 401 unless the request carries "Authorization: Bearer TOKEN"; the
    /// health endpoints and the dashboard's page stay open. Empty: no token asked (fine on loopback).
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>A file holding the token (first line), so that it need not sit in configuration; wins over AccessToken.</summary>
    public string? AccessTokenFile { get; set; }

    /// <summary>The token to ask for, or null when none is configured.</summary>
    public string? ResolveAccessToken() =>
        AccessTokenFile is { Length: > 0 } file ? File.ReadLines(file).FirstOrDefault()?.Trim() is { Length: > 0 } t ? t : null
        : AccessToken is { Length: > 0 } token ? token.Trim() : null;

    /// <summary>True when <see cref="Url"/> listens on a loopback address only.</summary>
    public bool IsLoopback() =>
        Uri.TryCreate(Url, UriKind.Absolute, out var uri) && (uri.IsLoopback || uri.Host is "localhost");
}

/// <summary>Names the key: Kestrel's own message for a bad address names neither the key nor the value.</summary>
public sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var errors = new List<string>();
        if (!(Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath is "/" or ""))
            errors.Add($"Http:Url must be an address such as http://127.0.0.1:5080, not '{options.Url}'");
        if (options.AccessTokenFile is { Length: > 0 } file)
        {
            try
            {
                if (options.ResolveAccessToken() is null)
                    errors.Add($"Http:AccessTokenFile '{file}' holds no token on its first line");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"Http:AccessTokenFile '{file}' cannot be read: {e.Message}");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
