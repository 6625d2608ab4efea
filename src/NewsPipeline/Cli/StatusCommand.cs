using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NewsPipeline.Contracts;
using NewsPipeline.Dashboard;
using NewsPipeline.Hosting;
using NewsPipeline.Watcher;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace NewsPipeline.Cli;

/// <summary>
/// `status`: backlog, processing, outcomes and queue depths of a running pipeline, from its own /api/dashboard (the
/// embedded `run`, or the watcher role, which owns the inbox and the outcomes), and for RabbitMQ from the broker:
/// its management API when Bus:RabbitMq:ManagementUrl is set, else a passive declare of each queue over AMQP.
/// </summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Address of the running process: the embedded run or the watcher role (Http:Url, default http://127.0.0.1:5080)" };
        var command = new Command("status", "Print backlog, processing, outcomes and queue depths of a running pipeline") { url };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = AppConfiguration.Load();
            var options = configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new HttpOptions();
            var address = (parse.GetValue(url) ?? options.Url)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
            DashboardResponse? status;
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            {
                if (options.ResolveAccessToken() is { } token)
                    http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                try
                {
                    status = await http.GetFromJsonAsync<DashboardResponse>(new Uri(address + "/api/dashboard"), Json, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or UriFormatException or JsonException)
                {
                    await Console.Error.WriteLineAsync($"error: no answer from {address}/api/dashboard: {e.Message}. Is `newspipeline run` running there?");
                    return 1;
                }
            }
            if (status is null)
                return 1;
            var output = Console.Out;
            await output.WriteLineAsync(Describe(address, status));
            var bus = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
            if (status.Transport == "RabbitMq")
            {
                var queues = new[] { Endpoints.Worker, Endpoints.Sink, configuration["Watcher:OutcomeQueue"] ?? WatcherOptions.DefaultOutcomeQueue };
                await output.WriteLineAsync(await RabbitMqQueuesAsync(bus.RabbitMq, queues, cancellationToken));
            }
            else
                await output.WriteLineAsync("queues: in-memory transport, inside the process (not reported by the bus); the files in processing are the work in flight");
            return 0;
        });
        return command;
    }

    internal static string Describe(string address, DashboardResponse status)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"NewsPipeline at {address}: role {status.Role}, transport {status.Transport}");
        if (status.Snapshot is not { } s)
            return text.Append("\nmetrics are off (Metrics:Enabled=false): no backlog or outcomes to report").ToString();
        text.Append(CultureInfo.InvariantCulture, $", up {s.Now - s.Started:d\\.hh\\:mm\\:ss}\n");
        if (s.Gauges.TryGetValue("newspipeline.inbox.files", out var inbox))
        {
            text.Append(CultureInfo.InvariantCulture, $"backlog: {inbox} file(s) waiting in the inbox");
            if (inbox > 0 && s.Gauges.TryGetValue("newspipeline.inbox.oldest_age", out var age))
                text.Append(CultureInfo.InvariantCulture, $", the oldest for {age:0.0} s");
            text.Append(CultureInfo.InvariantCulture, $"\nprocessing: {s.Gauges.GetValueOrDefault("newspipeline.processing.files")} file(s) claimed, waiting for their outcome\n");
        }
        else
            text.Append("backlog, processing: not this role's (ask the watcher)\n");
        var counts = s.Outcomes.Count > 0 ? s.Outcomes : s.Sink.Count > 0 ? s.Sink : s.Worker;
        text.Append("outcomes: ").Append(counts.Count == 0 ? "none yet"
            : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}"))));
        return text.ToString();
    }

    /// <summary>Ready and unacknowledged messages and consumers per queue (and its _error queue), saying where the numbers come from.</summary>
    private static async Task<string> RabbitMqQueuesAsync(RabbitMqOptions rabbit, IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var names = queues.SelectMany(q => new[] { q, q + "_error" }).ToList();
        if (!string.IsNullOrWhiteSpace(rabbit.ManagementUrl))
        {
            try
            {
                return await FromManagementApiAsync(rabbit, names, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or UriFormatException or JsonException)
            {
                return $"queues: the management API at {rabbit.ManagementUrl} (Bus:RabbitMq:ManagementUrl) did not answer: {e.Message}\n"
                    + await FromAmqpAsync(rabbit, names, cancellationToken);
            }
        }
        return await FromAmqpAsync(rabbit, names, cancellationToken);
    }

    private static async Task<string> FromManagementApiAsync(RabbitMqOptions rabbit, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rabbit.Username}:{rabbit.Password}")));
        var uri = new Uri($"{rabbit.ManagementUrl!.TrimEnd('/')}/api/queues/{Uri.EscapeDataString(rabbit.VirtualHost)}?columns=name,messages_ready,messages_unacknowledged,consumers");
        var queues = await http.GetFromJsonAsync<List<ManagementQueue>>(uri, Json, cancellationToken) ?? [];
        var text = new StringBuilder($"queues (RabbitMQ management API at {rabbit.ManagementUrl}, vhost {rabbit.VirtualHost}): ready / unacknowledged / consumers");
        foreach (var name in names)
        {
            var queue = queues.FirstOrDefault(q => q.Name == name);
            text.Append(CultureInfo.InvariantCulture, $"\n  {name}: ").Append(queue is null ? "not declared" : $"{queue.MessagesReady} / {queue.MessagesUnacknowledged} / {queue.Consumers}");
        }
        return text.ToString();
    }

    /// <summary>A passive declare reports a queue's ready messages and consumers, not the unacknowledged ones.</summary>
    private static async Task<string> FromAmqpAsync(RabbitMqOptions rabbit, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, VirtualHost = rabbit.VirtualHost, UserName = rabbit.Username, Password = rabbit.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        var text = new StringBuilder($"queues (the broker at {rabbit.Host}:{rabbit.Port} over AMQP, passive declare; set Bus:RabbitMq:ManagementUrl for the management API): ready / consumers");
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            foreach (var name in names)
            {
                // A missing queue closes the channel it was asked on: one channel per queue.
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    var queue = await channel.QueueDeclarePassiveAsync(name, cancellationToken);
                    text.Append(CultureInfo.InvariantCulture, $"\n  {name}: {queue.MessageCount} / {queue.ConsumerCount}");
                }
                catch (OperationInterruptedException)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n  {name}: not declared");
                }
            }
        }
        catch (BrokerUnreachableException e)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  broker unreachable: {e.InnerException?.Message ?? e.Message}");
        }
        return text.ToString();
    }

    private sealed record ManagementQueue(
        string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("messages_ready")] long MessagesReady,
        [property: System.Text.Json.Serialization.JsonPropertyName("messages_unacknowledged")] long MessagesUnacknowledged,
        long Consumers);
}
