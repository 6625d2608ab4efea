using System.Text;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Pipeline;
using NSubstitute;

namespace NewsPipeline.Processing.Tests;

public sealed class AnalyseArticleConsumerTests
{
    private static async Task<(ServiceProvider Provider, ITestHarness Harness)> StartAsync(double minConfidence = 0)
    {
        var classifier = Substitute.For<ITopicClassifier>();
        classifier.Classify(Arg.Any<string>(), Arg.Any<string>()).Returns(new TopicPrediction("World", 0.8, "Business", 0.1));
        var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSingleton(new ArticleAnalyser(new ArticleNormaliser(), new Fingerprinter(), classifier, minConfidence))
            .AddSingleton<AnalyseStep>()
            .AddMassTransitTestHarness(x => x.AddProcessingConsumers())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (provider, harness);
    }

    private const string Article = "Blinken says US did not enable strikes\n\nSecretary of State Antony Blinken said on Friday that the United States did not encourage or enable Ukraine to strike inside Russia.\n\nHe spoke in Prague.\n";

    [Fact]
    public async Task Consume_GoodText_SendsAnalysedWithTopicAndFingerprint()
    {
        var (provider, harness) = await StartAsync();
        await using var _ = provider;
        var content = Encoding.UTF8.GetBytes(Article);

        await harness.Bus.Publish(new ArticleReceived(ContentId.Of(content), "news/a.txt", content, DateTimeOffset.UnixEpoch));

        Assert.True(await harness.Sent.Any<ArticleAnalysed>());
        var analysed = harness.Sent.Select<ArticleAnalysed>().Single().Context.Message;
        Assert.Equal("news/a.txt", analysed.FileName);
        Assert.Equal(ContentId.Of(content), analysed.ArticleId);
        Assert.StartsWith("Secretary of State", analysed.Body);
        Assert.Equal("World", analysed.Category);
        Assert.Equal("Business", analysed.RunnerUp);
        Assert.False(string.IsNullOrEmpty(analysed.BodyHash));
        Assert.False(await harness.Published.Any<ArticleRejected>());
    }

    [Fact]
    public async Task Consume_ConfidenceBelowMinimum_CategoryIsUnclassified()
    {
        var (provider, harness) = await StartAsync(minConfidence: 0.9);
        await using var _ = provider;
        var content = Encoding.UTF8.GetBytes(Article);

        await harness.Bus.Publish(new ArticleReceived(ContentId.Of(content), "a.txt", content, DateTimeOffset.UnixEpoch));

        Assert.True(await harness.Sent.Any<ArticleAnalysed>());
        Assert.Equal(TopicPrediction.Unclassified, harness.Sent.Select<ArticleAnalysed>().Single().Context.Message.Category);
    }

    [Theory]
    [InlineData("empty.txt", new byte[0])]
    [InlineData("binary.txt", new byte[] { 0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00 })]
    [InlineData("latin1.txt", new byte[] { 0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0xE9 })]
    [InlineData("broken.json", new byte[] { 0x7B, 0x22, 0x74, 0x69 })]
    [InlineData("picture.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    public async Task Consume_BadFile_PublishesRejectionWithReason(string fileName, byte[] content)
    {
        var (provider, harness) = await StartAsync();
        await using var _ = provider;

        await harness.Bus.Publish(new ArticleReceived(ContentId.Of(content), fileName, content, DateTimeOffset.UnixEpoch));

        Assert.True(await harness.Published.Any<ArticleRejected>());
        var rejected = harness.Published.Select<ArticleRejected>().Single().Context.Message;
        Assert.Equal(fileName, rejected.FileName);
        Assert.Equal(Stages.Normalise, rejected.Stage);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
        Assert.False(await harness.Sent.Any<ArticleAnalysed>());
    }
}
