using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;

namespace NewsPipeline.Hosting;

/// <summary>
/// What every role's process has, whatever it runs (after eShop's ServiceDefaults): the configuration sources, Serilog
/// from configuration (the second stage of Program.cs's bootstrap logger), the stop deadline, OpenTelemetry, the listen
/// address, and the health, metrics and access-token endpoints.
/// </summary>
internal static class PipelineDefaults
{
    /// <summary>Log:File: one setting for a log file beside the console (compact JSON lines with @tr/@sp, a new file each day, 7 kept).</summary>
    public const string LogFileKey = "Log:File";

    public static WebApplicationBuilder AddNewsPipelineDefaults(this WebApplicationBuilder builder, Roles roles, IReadOnlyDictionary<string, string?> overrides)
    {
        // The host's default sources are replaced by the one list every command reads (AppConfiguration).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddNewsPipelineSources(overrides);
        builder.Services.AddSerilog((services, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Role", roles.ToString())
            .WriteToConfiguredFile(builder.Configuration));

        var shutdown = builder.AddValidatedOptions(ShutdownOptions.Section, new ShutdownOptionsValidator());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown.ShutdownTimeout);
        builder.WebHost.UseUrls(builder.AddValidatedOptions(HttpOptions.Section, new HttpOptionsValidator()).Url);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.AddNewsPipelineTelemetry(roles,
            builder.AddValidatedOptions(MetricsOptions.Section, new MetricsOptionsValidator()),
            builder.AddValidatedOptions(TracingOptions.Section, new TracingOptionsValidator()));
        return builder;
    }

    /// <summary>
    /// /health/live (the process answers), /health/ready (every "ready" check: 503 unless all are Healthy), /metrics, the
    /// access token in front of the data endpoints, and the stop deadline.
    /// </summary>
    public static WebApplication MapNewsPipelineDefaults(this WebApplication app)
    {
        ExitIfShutdownHangs(app.Lifetime, app.Services.GetRequiredService<IOptions<ShutdownOptions>>().Value.ShutdownTimeout);
        app.UseAccessToken(app.Services.GetRequiredService<IOptions<HttpOptions>>().Value);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        // Degraded is MassTransit's word for "some endpoint is not consuming": not ready, so 503 like Unhealthy.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            ResponseWriter = WriteHealthJson,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapNewsPipelineMetrics(app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value);
        return app;
    }

    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="T"/> for the container (checked at start by the same
    /// validator) and returns its value now, checked, for the wiring that needs it before the container exists.
    /// </summary>
    public static T AddValidatedOptions<T>(this IHostApplicationBuilder builder, string section, IValidateOptions<T> validator) where T : class, new()
    {
        builder.Services.AddSingleton(validator);
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        return validator.Validate(Options.DefaultName, value) is { Failed: true } result
            ? throw new OptionsValidationException(section, typeof(T), result.Failures)
            : value;
    }

    private static LoggerConfiguration WriteToConfiguredFile(this LoggerConfiguration log, ConfigurationManager configuration) =>
        configuration[LogFileKey] is { Length: > 0 } path
            ? log.WriteTo.File(new CompactJsonFormatter(), Path.GetFullPath(path), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7)
            : log;

    /// <summary>Status per check, so an operator sees which dependency is down.</summary>
    private static Task WriteHealthJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

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
}
