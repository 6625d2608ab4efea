using MassTransit;
using Microsoft.Extensions.DependencyInjection;
namespace NewsPipeline.Watcher;
public static class WatcherExtensions
{
    public static IServiceCollection AddNewsPipelineWatcher(this IServiceCollection services) => services;
    public static IHealthChecksBuilder AddInboxCheck(this IHealthChecksBuilder b) => b;
    public static void AddWatcherConsumers(this IBusRegistrationConfigurator bus) { }
}
