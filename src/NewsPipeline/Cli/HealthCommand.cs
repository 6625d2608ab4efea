using System.CommandLine;
using NewsPipeline.Hosting;

namespace NewsPipeline.Cli;

/// <summary>
/// `health`: asks a running process's /health/ready (or /health/live) and exits 0 when it answers 200, 1 otherwise,
/// printing the answer: a container health check that needs no curl in the image.
/// </summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Address of the running process (Http:Url, default http://127.0.0.1:5080)" };
        var live = new Option<bool>("--live") { Description = "Ask /health/live (the process) instead of /health/ready (able to work)" };
        var command = new Command("health", "Exit 0 when a running NewsPipeline process is ready (or live), 1 when it is not") { url, live };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var address = parse.GetValue(url) ?? AppConfiguration.Load().GetSection(HttpOptions.Section).Get<HttpOptions>()?.Url ?? new HttpOptions().Url;
            // A wildcard listen address is not one to dial: ask the loopback of the same port.
            address = address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
            var path = parse.GetValue(live) ? "health/live" : "health/ready";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(new Uri(new Uri(address.TrimEnd('/') + "/"), path), cancellationToken);
                Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or UriFormatException)
            {
                await Console.Error.WriteLineAsync($"error: no answer from {address}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
