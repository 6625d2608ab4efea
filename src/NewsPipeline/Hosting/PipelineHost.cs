using NewsPipeline.Dashboard;
using NewsPipeline.Events;

namespace NewsPipeline.Hosting;

/// <summary>Builds the long-running pipeline process for the given roles; configuration decides the transport and store.</summary>
public static class PipelineHost
{
    /// <param name="services">Last word on the registrations, for a test (an in-memory span exporter, say).</param>
    public static WebApplication Build(Roles roles, IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? services = null)
    {
        // Content root = the executable's folder, so appsettings.json and the model are found from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddNewsPipelineDefaults(roles, overrides);
        if (roles.Watcher)
            builder.Services.AddWatcherRole();
        if (roles.Worker)
            builder.Services.AddWorkerRole();
        if (roles.Sink)
            builder.Services.AddSinkRole();
        var transport = builder.AddNewsPipelineBus(roles);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapNewsPipelineDefaults();
        // The sink owns the store and so the event log the stream is read from (embedded: the one process).
        if (roles.Sink)
            app.MapEventStream();
        app.MapDashboard(roles, transport);
        return app;
    }
}
