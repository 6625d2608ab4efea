using Microsoft.Extensions.FileProviders;
using NewsPipeline.Hosting;

namespace NewsPipeline.Dashboard;

internal static class DashboardEndpoints
{
    /// <summary>GET / (the page, static files from the executable's wwwroot) and GET /api/dashboard (what it shows, as JSON).</summary>
    public static void MapDashboard(this WebApplication app, Roles roles, string transport)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapGet("/api/dashboard", (IServiceProvider services) =>
        {
            var collector = services.GetService<DashboardCollector>();
            return TypedResults.Json(new DashboardResponse(roles.ToString(), transport, collector is not null, collector?.Snapshot()));
        });
    }
}

/// <param name="Metrics">False with Metrics:Enabled=false: nothing is gathered, the snapshot is null.</param>
public sealed record DashboardResponse(string Role, string Transport, bool Metrics, DashboardSnapshot? Snapshot);
