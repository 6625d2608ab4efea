using System.Text.Json;
using MassTransit;
using NewsPipeline.Dashboard;
using NewsPipeline.Processing;
using NewsPipeline.Sink;
using NewsPipeline.Storage;
using NewsPipeline.Watcher;

namespace NewsPipeline.Hosting;

/// <summary>One registration per role, and the bus that connects them; `run` and the commands without a bus share them.</summary>
internal static class RoleRegistrations
{
    /// <summary>Scanning, claiming and announcing the inbox's files, moving them to their outcome; "inbox" readiness.</summary>
    public static IServiceCollection AddWatcherRole(this IServiceCollection services)
    {
        services.AddNewsPipelineWatcher();
        services.AddHealthChecks().AddInboxCheck();
        return services;
    }

    /// <summary>The analyse step; boilerplate learned from the corpus persists across restarts, shared by the workers through the SQLite file.</summary>
    public static IServiceCollection AddWorkerRole(this IServiceCollection services) =>
        services.AddNewsPipelineProcessing().AddBoilerplateStore();

    /// <summary>The record step and its store (schema at start, "store" readiness), without the background index load (`process` loads it itself).</summary>
    public static IServiceCollection AddRecordStep(this IServiceCollection services) =>
        services.AddNewsPipelineStore().AddNewsPipelineSink();

    /// <summary>The record step, with the duplicate index loaded in the background and "dedup-index" readiness waiting for it.</summary>
    public static IServiceCollection AddSinkRole(this IServiceCollection services) =>
        services.AddRecordStep().AddDuplicateIndexLoading();

    /// <summary>MassTransit with the consumers of <paramref name="roles"/> on the configured transport, and its readiness; returns the transport.</summary>
    public static string AddNewsPipelineBus(this WebApplicationBuilder builder, Roles roles)
    {
        var bus = builder.AddValidatedOptions(BusOptions.Section, new BusOptionsValidator(roles));
        var transport = bus.ResolveTransport(roles)!;
        builder.Services.AddBusReadiness(bus, transport);
        var dashboard = builder.Configuration.GetValue(MetricsOptions.Section + ":" + nameof(MetricsOptions.Enabled), true);
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // Off unless asked for: offline it only logs a warning with a stack trace at every start.
            if (!bus.UsageTelemetry)
                x.DisableUsageTelemetry();
            if (dashboard)
            {
                x.AddPublishObserver<DashboardObserver>();
                x.AddConsumeObserver<DashboardObserver>();
            }
            x.AddReceiveEndpointObserver(sp => sp.GetRequiredService<EndpointLiveness>());
            if (roles.Watcher)
                x.AddWatcherConsumers();
            if (roles.Worker)
                x.AddProcessingConsumers();
            if (roles.Sink)
                x.AddSinkConsumers();

            if (transport == BusOptions.InMemory)
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(Compact);
                    cfg.ConfigureEndpoints(context);
                });
                return;
            }
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.ConfigureJsonSerializerOptions(Compact);
                var rabbit = bus.RabbitMq;
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        return transport;
    }

    /// <summary>
    /// MassTransit writes its JSON indented: every property of every article of a batch, and of every public event,
    /// on a line of its own, whitespace to write, send, store in the broker and parse again. A copy of the options, not
    /// the options changed: they are shared by every bus in the process and read-only once used.
    /// </summary>
    private static JsonSerializerOptions Compact(JsonSerializerOptions options) => new(options) { WriteIndented = false };
}
