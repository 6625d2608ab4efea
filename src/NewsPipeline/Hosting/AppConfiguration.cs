namespace NewsPipeline.Hosting;

/// <summary>
/// The one place configuration sources are chosen, in one order, for the host (`run`) and for every command without
/// one (`process`, `tail`, `remove`), so that all of them read the same value for the same key. Later sources win:
/// <list type="number">
/// <item>appsettings.json (and appsettings.{DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT}.json) next to the executable;</item>
/// <item>newspipeline.json in the working directory;</item>
/// <item>environment variables (<c>Http__Url</c>), then the same with the <c>NEWSPIPELINE_</c> prefix;</item>
/// <item>command-line options (<c>--http</c>, <c>--db</c>, …).</item>
/// </list>
/// </summary>
internal static class AppConfiguration
{
    public static IConfigurationBuilder AddNewsPipelineSources(this IConfigurationBuilder builder, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        return builder
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"appsettings.{environment}.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "newspipeline.json"), optional: true)
            .AddEnvironmentVariables()
            .AddEnvironmentVariables("NEWSPIPELINE_")
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
    }

    /// <summary>Configuration for a command without a host.</summary>
    public static IConfigurationRoot Load(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder().AddNewsPipelineSources(overrides).Build();

    /// <summary>
    /// A value of the wrong type ("abc" for a TimeSpan): the binder's own exception, told by where it was thrown rather
    /// than by its message. Bad input, not a crash: no stack trace.
    /// </summary>
    public static bool IsBadValue(InvalidOperationException e) => e.TargetSite?.DeclaringType == typeof(ConfigurationBinder);
}
