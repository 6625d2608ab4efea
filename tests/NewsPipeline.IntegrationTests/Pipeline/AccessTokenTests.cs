using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Hosting;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// D10 (issue 21): with Http:AccessToken set, /events (full article bodies), /api/* and /metrics ask for it; the health
/// endpoints never do. Without a token, everything is open as before.
/// </summary>
public sealed class AccessTokenTests
{
    private const string Token = "a-long-random-token-0123456789";
    private static readonly string[] DataPaths = ["/events", "/api/dashboard", "/metrics"];

    [Fact]
    public async Task TokenSet_DataEndpointsAnswer401WithoutIt_200WithIt_HealthStaysOpen()
    {
        using var folders = new Folders();
        var settings = folders.Settings();
        settings["Http:AccessToken"] = Token;
        await using var app = await StartAsync(settings);
        using var http = new HttpClient { BaseAddress = Address(app) };

        foreach (var path in DataPaths)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, path, null));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, path, "not-" + Token));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, path, Token));
        }
        // A browser's EventSource cannot send headers: the query parameter of RFC 6750.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/events?access_token=" + Token, null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/health/live", null));
        Assert.NotEqual(HttpStatusCode.Unauthorized, await StatusAsync(http, "/health/ready", null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/", null));
    }

    [Fact]
    public async Task NoToken_DataEndpointsOpen()
    {
        using var folders = new Folders();
        await using var app = await StartAsync(folders.Settings());
        using var http = new HttpClient { BaseAddress = Address(app) };

        foreach (var path in DataPaths)
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, path, null));
    }

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Http:Url"] = "http://127.0.0.1:0";
        var app = PipelineHost.Build(Roles.All, settings);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>The status only: an event stream never ends, so its body is not read.</summary>
    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
