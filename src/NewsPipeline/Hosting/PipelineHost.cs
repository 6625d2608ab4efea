using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NewsPipeline.Dashboard;
using NewsPipeline.Events;
using NewsPipeline.Processing;
using NewsPipeline.Sink;
using NewsPipeline.Storage;
using NewsPipeline.Watcher;
using Serilog;

namespace NewsPipeline.Hosting;

/// <summary>Builds the long-running pipeline process for the given roles; configuration decides the transport and store.</summary>
public static class PipelineHost
{
    public static WebApplication Build(Roles roles, IReadOnlyDictionary<string, string?> overrides)
    {
        // Content root = the executable's folder, so appsettings.json and the model are found from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The host's default sources are replaced by the one list every command reads (AppConfiguration).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddNewsPipelineSources(overrides);

        builder.Services.AddSerilog((services, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Role", roles.ToString())
            .WriteToConfiguredFile(builder.Configuration));
        // How long Ctrl+C waits for in-flight messages and batches to finish before the process gives up on them.
        var shutdownTimeout = builder.Configuration.GetValue("Host:ShutdownTimeout", TimeSpan.FromSeconds(30));
        if (shutdownTimeout <= TimeSpan.Zero)
            throw new OptionsValidationException("Host:ShutdownTimeout", typeof(HostOptions), [$"Host:ShutdownTimeout must be positive, not {shutdownTimeout}"]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);

        var http = builder.Configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new HttpOptions();
        builder.WebHost.UseUrls(http.Validated());

        var bus = builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        var transport = ResolveTransport(bus, roles);

        builder.Services.AddSingleton(TimeProvider.System);
        var health = builder.Services.AddHealthChecks();
        // Readiness of the bus as the roles need it (docs/reliability.md): MassTransit's check alone calls a wedged
        // endpoint Ready and a lost connection Degraded; the watcher asks the same question before each scan.
        if (bus.RecoveryTimeout <= TimeSpan.Zero)
            throw new OptionsValidationException("Bus:RecoveryTimeout", typeof(BusOptions), [$"Bus:RecoveryTimeout must be positive, not {bus.RecoveryTimeout}"]);
        builder.Services.AddSingleton<EndpointLiveness>();
        builder.Services.AddSingleton(sp => new BusReadiness(sp.GetRequiredService<IBusControl>(), sp.GetRequiredService<EndpointLiveness>(),
            transport == "RabbitMq" ? bus.RabbitMq : null, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IBusReadiness>(sp => sp.GetRequiredService<BusReadiness>());
        health.AddCheck<BusReadinessHealthCheck>("bus", tags: ["ready"]);
        if (transport == "RabbitMq")
            builder.Services.AddHostedService(sp => new BusWatchdog(sp.GetRequiredService<EndpointLiveness>(), sp.GetRequiredService<BusReadiness>(),
                bus.RecoveryTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IHostApplicationLifetime>(),
                sp.GetRequiredService<ILogger<BusWatchdog>>()));
        if (roles.Watcher)
        {
            builder.Services.AddNewsPipelineWatcher();
            health.AddInboxCheck();
        }
        if (roles.Worker)
        {
            builder.Services.AddNewsPipelineProcessing();
            // Boilerplate learned from the corpus persists across restarts, shared by the workers through the SQLite file.
            builder.Services.AddBoilerplateStore();
        }
        if (roles.Sink)
        {
            builder.Services.AddNewsPipelineStore();
            builder.Services.AddNewsPipelineSink();
            builder.Services.AddDuplicateIndexLoading();
        }
        var metrics = builder.AddNewsPipelineMetrics(roles);

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // Off unless asked for: offline it only logs a warning with a stack trace at every start.
            if (!bus.UsageTelemetry)
                x.DisableUsageTelemetry();
            if (metrics.Enabled)
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

            if (transport == "InMemory")
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

        var app = builder.Build();
        ExitIfShutdownHangs(app.Lifetime, shutdownTimeout);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        // Degraded is MassTransit's word for "some endpoint is not consuming": not ready, so 503 like Unhealthy.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            ResponseWriter = HealthReport.WriteJson,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        // The sink owns the store and so the event log the stream is read from (embedded: the one process).
        if (roles.Sink)
            app.MapEventStream();
        app.MapNewsPipelineMetrics(metrics);
        app.MapDashboard(roles, transport);
        return app;
    }

    /// <summary>
    /// MassTransit writes its JSON indented: every property of every article of a batch, and of every public event,
    /// on a line of its own, whitespace to write, send, store in the broker and parse again. A copy of the options, not
    /// the options changed: they are shared by every bus in the process and read-only once used.
    /// </summary>
    private static JsonSerializerOptions Compact(JsonSerializerOptions options) => new(options) { WriteIndented = false };

    /// <summary>
    /// A stop that outlives Host:ShutdownTimeout by 4 s (an analysis stuck in CPU work that no token can reach, a consumer
    /// that ignores cancellation) ends the process anyway: a process manager can restart it, and the claimed files stay
    /// in the processing folder, announced again at the next start (as another attempt).
    /// </summary>
    private static void ExitIfShutdownHangs(IHostApplicationLifetime lifetime, TimeSpan shutdownTimeout)
    {
        Timer? deadline = null;
        lifetime.ApplicationStopping.Register(() =>
        {
            var after = shutdownTimeout + TimeSpan.FromSeconds(4);
            deadline = new Timer(_ =>
            {
                Log.Fatal("Shutdown did not finish within {Deadline} (Host:ShutdownTimeout + 4 s); exiting, unfinished files are announced again at the next start", after);
                // Not Environment.Exit: its ProcessExit handlers include the host's, which waits for the stuck stop.
                BusWatchdog.ExitNow(3);
            }, null, after, Timeout.InfiniteTimeSpan);
        });
        // A stop that finished needs no deadline (and a host inside another process, a test's, must not end that process).
        lifetime.ApplicationStopped.Register(() => deadline?.Dispose());
    }

    /// <summary>Separate roles only make sense on a shared broker; one process with every role needs none.</summary>
    internal static string ResolveTransport(BusOptions bus, Roles roles)
    {
        var transport = string.IsNullOrWhiteSpace(bus.Transport) ? (roles.IsEmbedded ? "InMemory" : "RabbitMq") : bus.Transport.Trim();
        if (transport.Equals("inmemory", StringComparison.OrdinalIgnoreCase))
        {
            if (!roles.IsEmbedded)
                throw new OptionsValidationException(BusOptions.Section, typeof(BusOptions),
                    [$"Bus:Transport=InMemory cannot connect separate processes; role '{roles}' needs Bus:Transport=RabbitMq"]);
            return "InMemory";
        }
        if (transport.Equals("rabbitmq", StringComparison.OrdinalIgnoreCase))
            return "RabbitMq";
        throw new OptionsValidationException(BusOptions.Section, typeof(BusOptions), [$"Bus:Transport must be InMemory or RabbitMq, not '{transport}'"]);
    }
}
