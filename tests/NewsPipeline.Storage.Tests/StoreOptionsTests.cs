using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Storage.Tests;

public sealed class StoreOptionsTests
{
    private static OptionsValidationException Fails(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // A process with both the sink's store and the workers' boilerplate store validates the section once.
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddNewsPipelineStore().AddBoilerplateStore();
        return Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<StoreOptions>>().Value);
    }

    [Fact]
    public void UnknownProvider_FailsNamingTheKeyOnce()
    {
        var error = Fails(new() { ["Store:Provider"] = "Oracle" });

        Assert.Equal("Store:Provider must be 'Sqlite' or 'Postgres'", Assert.Single(error.Failures));
    }

    [Fact]
    public void PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        var error = Fails(new() { ["Store:Provider"] = "Postgres" });

        Assert.Contains("Store:PostgresConnectionString", Assert.Single(error.Failures));
    }
}
