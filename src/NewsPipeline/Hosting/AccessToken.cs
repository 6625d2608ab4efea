using System.Security.Cryptography;
using System.Text;
using Serilog;

namespace NewsPipeline.Hosting;

/// <summary>
/// Http:AccessToken (or Http:AccessTokenFile): the data endpoints (/events with full article bodies, /api/*, /metrics)
/// answer 401 without "Authorization: Bearer TOKEN" (or ?access_token=TOKEN, for a browser's EventSource, which cannot
/// send headers). The health endpoints and the dashboard's static page stay open: probes and the page carry no data.
/// </summary>
internal static class AccessToken
{
    public static readonly string[] ProtectedPaths = ["/events", "/api", "/metrics"];

    public static void UseAccessToken(this WebApplication app, HttpOptions http)
    {
        var token = http.ResolveAccessToken();
        if (token is null)
        {
            if (!http.IsLoopback())
                Log.Warning("Http:Url {Url} listens beyond loopback and no Http:AccessToken is set: anyone who can reach it reads /events, /api and /metrics", http.Url);
            return;
        }
        var expected = Encoding.UTF8.GetBytes(token);
        app.Use(async (context, next) =>
        {
            if (!IsProtected(context.Request.Path) || Matches(Given(context.Request), expected))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
        });
    }

    private static bool IsProtected(PathString path) =>
        ProtectedPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static string? Given(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : request.Query["access_token"].FirstOrDefault();
    }

    private static bool Matches(string? given, byte[] expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected);
}
