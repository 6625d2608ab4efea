using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Watcher.Tests;

public sealed class WatcherExtensionsTests : IDisposable
{
    private readonly TempFolders _folders = new();

    private WatcherOptions Bind(Dictionary<string, string?> settings)
    {
        settings["Watcher:Inbox"] = _folders.Paths.Inbox;
        settings["Watcher:Processing"] = _folders.Paths.Processing;
        settings["Watcher:Done"] = _folders.Paths.Done;
        settings["Watcher:Failed"] = _folders.Paths.Failed;
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddNewsPipelineWatcher()
            .BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WatcherOptions>>().Value;
    }

    [Fact]
    public void AddNewsPipelineWatcher_NoPatternsConfigured_Defaults()
    {
        var options = Bind([]);

        Assert.Equal(WatcherOptions.DefaultPatterns, options.Patterns);
        Assert.Equal(5 * 1024 * 1024, options.MaxFileBytes);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.StableFor);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RescanInterval);
    }

    [Fact]
    public void AddNewsPipelineWatcher_PatternsConfigured_ReplaceTheDefaults()
    {
        var options = Bind(new() { ["Watcher:Patterns:0"] = "*.md", ["Watcher:StableFor"] = "00:00:00.200" });

        Assert.Equal(["*.md"], options.Patterns);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.StableFor);
    }

    [Fact]
    public void AddNewsPipelineWatcher_InvalidValue_ResolvingOptionsFailsNamingTheKey()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Watcher:RescanInterval"] = "00:00:00" }));

        Assert.Contains("Watcher:RescanInterval", e.Message);
    }

    public void Dispose() => _folders.Dispose();
}
