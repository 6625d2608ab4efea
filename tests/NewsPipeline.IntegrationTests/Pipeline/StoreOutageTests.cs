using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Hosting;
using NewsPipeline.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>
/// Transient is not terminal: the embedded pipeline on a real PostgreSQL of its own, which is stopped while articles are
/// in flight. Ready says 503 while it is down, no file is rejected for it, and everything is stored once it is back.
/// </summary>
public sealed class StoreOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly Folders _folders = new();
    private PostgresServer? _postgres;
    private WebApplication? _app;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartOwnAsync();

    private static byte[] Article(int n) => Encoding.UTF8.GetBytes(
        $"Council approves plan number {n}\n\nThe county council approved plan number {n} on Monday after a debate of {n + 2} hours about roads, schools and the harbour bridge.\n\n"
        + $"Members said plan {n} would raise spending on buses by {n % 9 + 1} percent while keeping the property tax where it was last year for {n} districts.\n");

    [Fact]
    public async Task StoreStoppedWhileArticlesAreInFlight_ReadyIs503NothingRejectedAllStoredWhenBack()
    {
        var connectionString = await _postgres!.NewDatabaseAsync();
        var settings = _folders.Settings();
        settings["Http:Url"] = "http://127.0.0.1:0";
        settings["Store:Provider"] = "Postgres";
        settings["Store:PostgresConnectionString"] = connectionString + ";Timeout=3;Command Timeout=5";
        _app = PipelineHost.Build(Roles.All, settings);
        await _app.StartAsync();
        var ready = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/health/ready");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        for (var i = 0; i < 10; i++)
            _folders.Drop($"before/{i}.txt", Article(i));
        Assert.True(await WaitAsync(() => Count(_folders.Done) == 10), $"the first files were not stored\n{Listing()}");

        await _postgres.StopAsync();
        for (var i = 10; i < 30; i++)
            _folders.Drop($"during/{i}.txt", Article(i));
        Assert.True(await WaitAsync(async () => await StatusAsync(http, ready) == HttpStatusCode.ServiceUnavailable), "ready never said 503 with the store down");
        Assert.True(await WaitAsync(() => Count(_folders.Processing) >= 20), $"the files dropped during the outage were not claimed\n{Listing()}");

        await _postgres.ResumeAsync();
        Assert.True(await WaitAsync(() => Count(_folders.Done) == 30), $"not every file was stored after the store came back\n{Listing()}");
        Assert.True(await WaitAsync(async () => await StatusAsync(http, ready) == HttpStatusCode.OK), "ready never said 200 again");

        Assert.Equal(0, Count(_folders.Failed));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT count(*), count(DISTINCT article_id) FROM deliveries", connection);
        await using var reader = await rows.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((30L, 30L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient http, Uri uri)
    {
        try
        {
            return (await http.GetAsync(uri)).StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static int Count(string folder) => Folders.Count(folder);

    private static Task<bool> WaitAsync(Func<bool> condition) => Folders.WaitUntilAsync(condition, Timeout);

    private static Task<bool> WaitAsync(Func<Task<bool>> condition) => Folders.WaitUntilAsync(condition, Timeout);

    private string Listing() => _folders.Listing();

    public async Task DisposeAsync()
    {
        output.WriteLine(Listing());
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        _folders.Dispose();
    }
}
