using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Watcher;

public static class WatcherExtensions
{
    /// <summary>Options (validated at start), the scanning service and the outcome side's file mover.</summary>
    public static IServiceCollection AddNewsPipelineWatcher(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddWatcherOptions();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WatcherOptions>, WatcherOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<WatcherOptions>>().Value.ResolvePaths());
        services.TryAddSingleton<InFlightFiles>();
        services.TryAddSingleton<FileOutcomes>();
        services.TryAddSingleton(sp =>
        {
            var bus = sp.GetRequiredService<IBus>(); // the bus, not a scoped endpoint: announcing happens outside any message scope
            return new FileAnnouncer(sp.GetRequiredService<WatcherPaths>(), Options(sp).MaxFileBytes, sp.GetRequiredService<InFlightFiles>(),
                bus, Options(sp).OutcomeQueue, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FileAnnouncer>>(), Options(sp).MaxAttempts,
                Options(sp).AllowHardLinks);
        });
        services.TryAddSingleton(sp => new WatcherMetrics(sp.GetRequiredService<InFlightFiles>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new InboxWatcher(sp.GetRequiredService<WatcherPaths>(), Options(sp), sp.GetRequiredService<InFlightFiles>(),
            sp.GetRequiredService<FileAnnouncer>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<InboxWatcher>>(),
            sp.GetRequiredService<WatcherMetrics>(), sp.GetRequiredService<FileOutcomes>()));
        services.AddHostedService(sp => new WatcherService(sp.GetRequiredService<InboxWatcher>(), sp.GetRequiredService<WatcherPaths>(), Options(sp),
            sp.GetRequiredService<InFlightFiles>(), sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WatcherService>>(),
            BusGate(sp)));
        return services;
    }

    /// <summary>The "Watcher" section alone (its size cap applies to `process` too); folder checks come with the watcher.</summary>
    public static IServiceCollection AddWatcherOptions(this IServiceCollection services)
    {
        services.AddOptions<WatcherOptions>()
            .BindConfiguration(WatcherOptions.Section)
            .Configure<IConfiguration>(ReplacePatterns)
            .ValidateOnStart();
        return services;
    }

    public static IHealthChecksBuilder AddInboxCheck(this IHealthChecksBuilder health) =>
        health.Add(new HealthCheckRegistration("inbox",
            sp => new InboxHealthCheck(sp.GetRequiredService<WatcherPaths>(), Options(sp).MinFreeBytes), null, ["ready"]));

    public static void AddWatcherConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<FileOutcomeConsumer, FileOutcomeConsumerDefinition>();

    /// <summary>
    /// Waits while the bus cannot carry work: the host's <see cref="IBusReadiness"/> (broker reachable, every endpoint
    /// consuming), else MassTransit's bus health. Until the outcome queue is bound, an outcome published would be dropped
    /// by the broker and its file stay in processing; while the broker is away, a claimed file would only wait.
    /// </summary>
    private static Func<CancellationToken, Task>? BusGate(IServiceProvider sp)
    {
        var readiness = sp.GetService<IBusReadiness>();
        var bus = sp.GetService<IBusControl>();
        if (readiness is null && bus is null)
            return null;
        var logger = sp.GetRequiredService<ILogger<WatcherService>>();
        var time = sp.GetRequiredService<TimeProvider>();
        return ct => WhenBusReadyAsync(readiness, bus, logger, time, ct);
    }

    private static async ValueTask<string?> NotReadyAsync(IBusReadiness? readiness, IBusControl? bus, CancellationToken cancellationToken) =>
        readiness is not null ? await readiness.NotReadyReasonAsync(cancellationToken)
        : bus!.CheckHealth() is { Status: not BusHealthStatus.Healthy } health ? health.Description : null;

    private static async Task WhenBusReadyAsync(IBusReadiness? readiness, IBusControl? bus, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await NotReadyAsync(readiness, bus, cancellationToken) is null)
            return;
        var since = time.GetUtcNow();
        var said = false;
        string? reason;
        while ((reason = await NotReadyAsync(readiness, bus, cancellationToken)) is not null)
        {
            // The first seconds of a start are normal; say why no file is taken once it lasts.
            if (!said && time.GetUtcNow() - since >= TimeSpan.FromSeconds(3))
            {
                logger.LogWarning("Taking no files while the message bus is not ready: {BusHealth}", reason);
                said = true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }
        if (said)
            logger.LogInformation("Message bus ready again after {Waited}; taking files", time.GetUtcNow() - since);
    }

    private static WatcherOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<WatcherOptions>>().Value;

    /// <summary>The binder appends configured list items to the default ones; a configured list should replace them.</summary>
    private static void ReplacePatterns(WatcherOptions options, IConfiguration configuration)
    {
        if (configuration.GetSection($"{WatcherOptions.Section}:{nameof(WatcherOptions.Patterns)}").Get<string[]>() is { Length: > 0 } configured)
            options.Patterns = [.. configured];
        // An empty list is a choice here (take every matching name), so a configured section replaces even when empty.
        var ignore = configuration.GetSection($"{WatcherOptions.Section}:{nameof(WatcherOptions.IgnorePatterns)}");
        if (ignore.Exists() || ignore.Value is not null)
            options.IgnorePatterns = [.. ignore.Get<string[]>() ?? []];
    }
}
