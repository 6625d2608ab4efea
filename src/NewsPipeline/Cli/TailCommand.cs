using System.CommandLine;
using System.Net.ServerSentEvents;
using MassTransit;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Events;
using NewsPipeline.Hosting;

namespace NewsPipeline.Cli;

/// <summary>`tail`: prints the public events, one JSON line each, from RabbitMQ or from a running embedded pipeline.</summary>
internal static class TailCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "rabbitmq, or embedded (the running `run` process's event stream); default: rabbitmq when Bus:Transport=RabbitMq, else embedded", DefaultValueFactory = _ => "auto" };
        var url = new Option<string?>("--url") { Description = "Address of the embedded pipeline (Http:Url, default http://127.0.0.1:5080)" };
        var queue = new Option<string?>("--queue") { Description = "RabbitMQ: a named durable queue that keeps the events while tail is not running, so the next tail resumes where this one stopped" };
        var since = new Option<long?>("--since") { Description = "Event stream: resume after this cursor (each line's \"cursor\"; 0 = every logged event); default: from now on" };
        since.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 0)
                result.AddError("--since must be a cursor: a whole number, 0 or more");
        });
        var command = new Command("tail", "Print processed/rejected article events as JSON lines until Ctrl+C") { from, url, queue, since };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = AppConfiguration.Load();
            var bus = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
            var source = parse.GetValue(from)!.ToLowerInvariant();
            if (source == "auto")
                source = parse.GetValue(since) is null && string.Equals(bus.Transport, "RabbitMq", StringComparison.OrdinalIgnoreCase) ? "rabbitmq" : "embedded";
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            try
            {
                switch (source)
                {
                    case "rabbitmq" when parse.GetValue(since) is not null:
                        await Console.Error.WriteLineAsync("error: --since reads the store's event log: use --from embedded with --url of the `run` process or of a sink (a RabbitMQ subscriber resumes with a durable --queue)");
                        return 2;
                    case "rabbitmq":
                        if (parse.GetValue(queue) is null)
                            await Console.Error.WriteLineAsync("note: a temporary queue: events published while tail is not running are missed (--queue NAME keeps them)");
                        return await TailRabbitMqAsync(bus.RabbitMq, Console.Out, cancel.Token, parse.GetValue(queue)) ? 0 : 1;
                    case "embedded":
                        var http = configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new HttpOptions();
                        var address = parse.GetValue(url) ?? http.Url;
                        var last = await TailEmbeddedAsync(new Uri(new Uri(address.TrimEnd('/') + "/"), "events"), Console.Out, cancel.Token,
                            since: parse.GetValue(since), accessToken: http.ResolveAccessToken());
                        if (!cancel.IsCancellationRequested)
                            await Console.Error.WriteLineAsync($"the event stream ended (the pipeline stopped); resume with: newspipeline tail --since {last}");
                        return 0;
                    default:
                        await Console.Error.WriteLineAsync($"error: --from must be rabbitmq or embedded, not '{source}'");
                        return 2;
                }
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"error: cannot reach the embedded pipeline's event stream: {e.Message}. Is `newspipeline run` running?");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Prints the event stream until it ends; returns the cursor of the last event seen (to resume after).</summary>
    /// <param name="connected">Called once the server has subscribed this client: no event after it is missed.</param>
    /// <param name="since">Resume after this cursor; null: from now on.</param>
    /// <param name="accessToken">Http:AccessToken of the pipeline, when it asks for one.</param>
    public static async Task<long> TailEmbeddedAsync(Uri events, TextWriter output, CancellationToken cancellationToken, Action? connected = null, long? since = null,
        string? accessToken = null)
    {
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        if (accessToken is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        if (since is { } cursor)
            events = new UriBuilder(events) { Query = $"since={cursor}" }.Uri;
        var last = since ?? 0;
        await using var stream = await client.GetStreamAsync(events, cancellationToken);
        try
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
            {
                if (long.TryParse(item.EventId, System.Globalization.CultureInfo.InvariantCulture, out var id))
                    last = id;
                if (item.EventType == EventStreamEndpoint.Connected)
                    connected?.Invoke();
                else if (item.EventType == SseParser.EventTypeDefault)
                {
                    await output.WriteLineAsync(item.Data);
                    await output.FlushAsync(cancellationToken);
                }
            }
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // The server went away mid-stream (killed): as an ended stream, resumable from the last cursor.
        }
        return last;
    }

    /// <summary>
    /// A queue bound to both public event exchanges: temporary and auto-deleted by default (tailing never steals
    /// messages), or the durable <paramref name="queue"/>, which keeps events while no tail runs. False, with the
    /// reason on stderr, when the broker cannot be reached.
    /// </summary>
    public static async Task<bool> TailRabbitMqAsync(RabbitMqOptions rabbit, TextWriter output, CancellationToken cancellationToken, string? queue = null)
    {
        var gate = new SemaphoreSlim(1, 1);
        async Task Write(string line)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await output.WriteLineAsync(line);
                await output.FlushAsync(cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }

        var control = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
            {
                h.Username(rabbit.Username);
                h.Password(rabbit.Password);
            });
            void Handlers(IRabbitMqReceiveEndpointConfigurator e)
            {
                e.Handler<ArticleProcessed>(context => Write(EventLines.ToLine(nameof(ArticleProcessed), context.Message)));
                e.Handler<ArticleRejected>(context => Write(EventLines.ToLine(nameof(ArticleRejected), context.Message)));
            }
            if (queue is null)
                cfg.ReceiveEndpoint(new TemporaryEndpointDefinition(), Handlers);
            else
                cfg.ReceiveEndpoint(queue, e =>
                {
                    e.Durable = true;
                    e.AutoDelete = false;
                    Handlers(e);
                });
        });
        // The bus retries an unreachable broker for ever; a subscriber that prints nothing would look like a quiet pipeline.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            await control.StartAsync(connecting.Token);
            await control.WaitForHealthStatus(BusHealthStatus.Healthy, connecting.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"error: cannot subscribe on RabbitMQ at {rabbit.Host}:{rabbit.Port} (vhost {rabbit.VirtualHost}): {control.CheckHealth().Description} {e.Message}");
            await control.StopAsync(CancellationToken.None);
            return false;
        }
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return true;
        }
        finally
        {
            await control.StopAsync(CancellationToken.None);
        }
    }
}
