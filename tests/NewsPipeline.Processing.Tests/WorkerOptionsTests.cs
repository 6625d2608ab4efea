using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Processing.Tests;

public sealed class WorkerOptionsTests
{
    private static IOptions<WorkerOptions> Options(string? concurrentMessages)
    {
        var settings = new Dictionary<string, string?>();
        if (concurrentMessages is not null)
            settings["Worker:ConcurrentMessages"] = concurrentMessages;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddNewsPipelineProcessing()
            .BuildServiceProvider().GetRequiredService<IOptions<WorkerOptions>>();
    }

    [Theory]
    [InlineData(null, 32)]
    [InlineData("4", 4)]
    public void Definition_TakesTheConfiguredConcurrency(string? configured, int expected)
    {
        var definition = new AnalyseArticleConsumerDefinition(Options(configured));

        Assert.Equal(expected, definition.ConcurrentMessageLimit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("100000")]
    public void Options_OutOfRange_FailNamingTheKey(string configured)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(configured).Value);

        Assert.Contains("Worker:ConcurrentMessages", error.Message);
    }
}
