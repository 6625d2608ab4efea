using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
                bus, bus, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FileAnnouncer>>(), Options(sp).MaxAttempts);
        });
        services.TryAddSingleton(sp => new InboxWatcher(sp.GetRequiredService<WatcherPaths>(), Options(sp), sp.GetRequiredService<InFlightFiles>(),
            sp.GetRequiredService<FileAnnouncer>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<InboxWatcher>>()));
        services.AddHostedService(sp => new WatcherService(sp.GetRequiredService<InboxWatcher>(), sp.GetRequiredService<WatcherPaths>(), Options(sp),
            sp.GetRequiredService<InFlightFiles>(), sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WatcherService>>(),
            sp.GetService<IBusControl>() is { } bus ? ct => WhenBusHealthyAsync(bus, sp.GetRequiredService<ILogger<WatcherService>>(), ct) : null));
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
        health.AddCheck<InboxHealthCheck>("inbox", tags: ["ready"]);

    public static void AddWatcherConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<FileOutcomeConsumer, FileOutcomeConsumerDefinition>();

    /// <summary>Healthy = connected, and every receive endpoint (the outcome queue among them) bound and consuming.</summary>
    private static async Task WhenBusHealthyAsync(IBusControl bus, ILogger logger, CancellationToken cancellationToken)
    {
        // MassTransit's timeout overload cannot be cancelled, so a stop during the first wait would hang for its length:
        // bound the first wait with a token instead, and say once why no file is taken yet.
        using (var firstWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            firstWait.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await bus.WaitForHealthStatus(BusHealthStatus.Healthy, firstWait.Token);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The ten seconds ran out, not the host: keep waiting, but say why.
            }
        }
        if (bus.CheckHealth() is { Status: not BusHealthStatus.Healthy } health)
        {
            logger.LogWarning("Waiting for the message bus before taking files: {BusHealth}", health.Description);
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, cancellationToken);
        }
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
