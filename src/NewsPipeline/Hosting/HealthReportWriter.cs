using System.Text.Json;

namespace NewsPipeline.Hosting;

internal static class HealthReport
{
    /// <summary>Status per check, so an operator sees which dependency is down.</summary>
    public static Task WriteJson(HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
