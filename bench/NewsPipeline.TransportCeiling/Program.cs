using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.TransportCeiling;

// What MassTransit itself carries on this machine, for scripts/bench.sh to set the pipeline's rates against:
//   inmemory [--messages 20000]                        in-memory transport, 4 chained trivial consumers, 2 KB messages
//   rabbitmq --port P [--host h] [--vhost v] [--messages 10000]   one hop on RabbitMQ, durable, publisher confirms, 2 KB
// Prints one line: "ceiling <mode> <rate> items/s (<n> items in <s> s)"; exit code 1 when the items do not all arrive.
var mode = args.FirstOrDefault();
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
if (mode is not ("inmemory" or "rabbitmq"))
{
    await Console.Error.WriteLineAsync("usage: inmemory [--messages N] | rabbitmq --port P [--host H] [--vhost V] [--messages N]");
    return 2;
}
var count = int.Parse(Option("--messages", mode == "inmemory" ? "20000" : "10000"), CultureInfo.InvariantCulture);
var arrivals = new Arrivals();
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(arrivals);
// Started means the queues are bound: a message published before that would reach no queue and never arrive.
builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
builder.Services.AddMassTransit(x =>
{
    if (mode == "inmemory")
    {
        x.AddConsumer<FirstHop>();
        x.AddConsumer<SecondHop>();
        x.AddConsumer<ThirdHop>();
        x.AddConsumer<LastHop>();
        x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
    }
    else
    {
        x.AddConsumer<OnlyHop>();
        x.UsingRabbitMq((context, cfg) =>
        {
            // Durable queues, persistent messages and publisher confirms are MassTransit's defaults; set here so the
            // ceiling says what it measures.
            cfg.Host(Option("--host", "127.0.0.1"), ushort.Parse(Option("--port", "5672"), CultureInfo.InvariantCulture), Option("--vhost", "/"), h =>
            {
                h.Username("guest");
                h.Password("guest");
                h.PublisherConfirmation = true;
            });
            cfg.Durable = true;
            cfg.ConfigureEndpoints(context);
        });
    }
});
using var host = builder.Build();
await host.StartAsync();
var bus = host.Services.GetRequiredService<IBus>();
var payload = Payload.Make(2048);

// A warm-up round first (JIT, connections, queues declared), then the measured one.
var warmUp = Math.Min(1000, count);
if (!await RoundAsync(warmUp))
    return 1;
var clock = Stopwatch.StartNew();
var complete = await RoundAsync(count);
var seconds = clock.Elapsed.TotalSeconds;
await host.StopAsync();
if (!complete)
{
    await Console.Error.WriteLineAsync($"only {arrivals.Count} of {count} items arrived within the deadline");
    return 1;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ceiling {mode} {count / seconds:F1} items/s ({count} items in {seconds:F2} s)"));
return 0;

// Up to 64 publishes waiting for their confirm at once, as the watcher sends; true once every item reached the last consumer.
async Task<bool> RoundAsync(int items)
{
    var done = arrivals.Expect(items);
    var window = new List<Task>(64);
    for (var i = 0; i < items; i++)
    {
        window.Add(bus.Publish(new Step1(i, payload)));
        if (window.Count == 64)
        {
            await Task.WhenAll(window);
            window.Clear();
        }
    }
    await Task.WhenAll(window);
    return await Task.WhenAny(done, Task.Delay(TimeSpan.FromMinutes(2))) == done;
}
