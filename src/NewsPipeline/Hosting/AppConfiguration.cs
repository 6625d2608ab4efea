namespace NewsPipeline.Hosting;

/// <summary>Configuration for commands that run without a host: the same sources, in the same order, as the host.</summary>
internal static class AppConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "newspipeline.json"), optional: true)
        .AddEnvironmentVariables()
        .AddEnvironmentVariables("NEWSPIPELINE_")
        .Build();
}
