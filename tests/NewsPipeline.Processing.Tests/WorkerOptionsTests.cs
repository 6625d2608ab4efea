using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NewsPipeline.Processing.Tests;

public sealed class WorkerOptionsTests
{
    private static IOptions<WorkerOptions> Options(string? concurrentMessages, string? analysisBudget = null)
    {
        var settings = new Dictionary<string, string?>();
        if (concurrentMessages is not null)
            settings["Worker:ConcurrentMessages"] = concurrentMessages;
        if (analysisBudget is not null)
            settings["Worker:AnalysisBudget"] = analysisBudget;
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

    [Theory]
    [InlineData(null, 5)]
    [InlineData("00:00:02", 2)]
    public void AnalysisBudget_DefaultsToFiveSeconds_AndBinds(string? configured, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Options(null, configured).Value.AnalysisBudget);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("02:00:00")]
    public void AnalysisBudget_OutOfRange_FailsNamingTheKey(string configured)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(null, configured).Value);

        Assert.Contains("Worker:AnalysisBudget", error.Message);
    }
}
