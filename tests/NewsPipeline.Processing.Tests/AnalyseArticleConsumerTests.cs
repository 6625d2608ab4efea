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
    private static async Task<(ServiceProvider Provider, ITestHarness Harness)> StartAsync(double minConfidence = 0, ITopicClassifier? classifier = null)
    {
        if (classifier is null)
        {
            classifier = Substitute.For<ITopicClassifier>();
            classifier.Classify(Arg.Any<string>(), Arg.Any<string>()).Returns(new TopicPrediction("World", 0.8, "Business", 0.1));
        }
        var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddOptions()
            .AddSingleton(new ArticleAnalyser(new ArticleNormaliser(), new Fingerprinter(), classifier, minConfidence))
            .AddSingleton<ProcessingMetrics>()
            .AddSingleton<AnalyseStep>()
            .AddMassTransitTestHarness(x => x.AddProcessingConsumers())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (provider, harness);
    }

    private static ArticlesReceived Batch(params ArticleReceived[] articles) => new("w", articles);

    /// <summary>The one batch the worker sent to the sink.</summary>
    private static async Task<ArticlesAnalysed> SentAsync(ITestHarness harness)
    {
        Assert.True(await harness.Sent.Any<ArticlesAnalysed>());
        return Assert.Single(harness.Sent.Select<ArticlesAnalysed>()).Context.Message;
    }

    private const string Article = "Blinken says US did not enable strikes\n\nSecretary of State Antony Blinken said on Friday that the United States did not encourage or enable Ukraine to strike inside Russia.\n\nHe spoke in Prague.\n";

    [Fact]
    public async Task Consume_GoodText_SendsAnalysedWithTopicAndFingerprint()
    {
        var (provider, harness) = await StartAsync();
        await using var _ = provider;
        var content = Encoding.UTF8.GetBytes(Article);

        await harness.Bus.Publish(Batch(new ArticleReceived(ContentId.Of(content), "news/a.txt", content, DateTimeOffset.UnixEpoch)));

        var sent = await SentAsync(harness);
        Assert.Equal("w", sent.OutcomeQueue);
        Assert.Empty(sent.Rejected);
        var analysed = Assert.Single(sent.Articles);
        Assert.Equal("news/a.txt", analysed.FileName);
        Assert.Equal(ContentId.Of(content), analysed.ArticleId);
        Assert.StartsWith("Secretary of State", analysed.Body);
        Assert.Equal("World", analysed.Category);
        Assert.Equal("Business", analysed.RunnerUp);
        Assert.False(string.IsNullOrEmpty(analysed.BodyHash));
        // Rejections travel to the sink, which publishes them: the worker publishes nothing.
        Assert.False(await harness.Published.Any<ArticleRejected>());
    }

    [Fact]
    public async Task Consume_ConfidenceBelowMinimum_CategoryIsUnclassified()
    {
        var (provider, harness) = await StartAsync(minConfidence: 0.9);
        await using var _ = provider;
        var content = Encoding.UTF8.GetBytes(Article);

        await harness.Bus.Publish(Batch(new ArticleReceived(ContentId.Of(content), "a.txt", content, DateTimeOffset.UnixEpoch)));

        Assert.Equal(TopicPrediction.Unclassified, Assert.Single((await SentAsync(harness)).Articles).Category);
    }

    [Theory]
    [InlineData("empty.txt", new byte[0])]
    [InlineData("binary.txt", new byte[] { 0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00 })]
    [InlineData("latin1.txt", new byte[] { 0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0xE9 })]
    [InlineData("broken.json", new byte[] { 0x7B, 0x22, 0x74, 0x69 })]
    [InlineData("picture.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    public async Task Consume_BadFileInABatch_OnlyItIsRejectedWithItsReason(string fileName, byte[] content)
    {
        var (provider, harness) = await StartAsync();
        await using var _ = provider;
        var good = Encoding.UTF8.GetBytes(Article);

        await harness.Bus.Publish(Batch(
            new ArticleReceived(ContentId.Of(good), "before.txt", good, DateTimeOffset.UnixEpoch),
            new ArticleReceived(ContentId.Of(content), fileName, content, DateTimeOffset.UnixEpoch),
            new ArticleReceived(ContentId.Of(good), "after.txt", good, DateTimeOffset.UnixEpoch)));

        var sent = await SentAsync(harness);
        var rejected = Assert.Single(sent.Rejected);
        Assert.Equal(fileName, rejected.FileName);
        Assert.Equal(Stages.Normalise, rejected.Stage);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
        Assert.Equal(["before.txt", "after.txt"], sent.Articles.Select(a => a.FileName));
    }

    [Fact]
    public async Task Consume_OneArticleThrowsEveryTime_ItAloneIsTriedMaxAttemptsFaultsAndIsRejected()
    {
        var classifier = Substitute.For<ITopicClassifier>();
        var poisonCalls = 0;
        classifier.Classify(Arg.Any<string>(), Arg.Any<string>()).Returns(call =>
        {
            if (!call.ArgAt<string>(0).StartsWith("Poison", StringComparison.Ordinal))
                return new TopicPrediction("World", 0.8, "Business", 0.1);
            Interlocked.Increment(ref poisonCalls);
            throw new InvalidOperationException("classifier blew up");
        });
        var (provider, harness) = await StartAsync(classifier: classifier);
        await using var _ = provider;
        var good = Encoding.UTF8.GetBytes(Article);
        var poison = Encoding.UTF8.GetBytes(Article.Replace("Blinken says", "Poison pill", StringComparison.Ordinal));

        await harness.Bus.Publish(Batch(
            new ArticleReceived(ContentId.Of(good), "good.txt", good, DateTimeOffset.UnixEpoch),
            new ArticleReceived(ContentId.Of(poison), "poison.txt", poison, DateTimeOffset.UnixEpoch)));

        // The good article goes on at once; the poison one leaves its batch, fails alone and faults into a rejection.
        Assert.True(await harness.Published.Any<Fault<ArticlesReceived>>());
        Assert.True(await harness.Sent.Any<ArticlesAnalysed>(m => m.Context.Message.Rejected.Count > 0));
        var sent = harness.Sent.Select<ArticlesAnalysed>().Select(m => m.Context.Message).ToList();
        Assert.Equal(["good.txt"], sent.SelectMany(m => m.Articles).Select(a => a.FileName));
        var rejected = Assert.Single(sent.SelectMany(m => m.Rejected));
        Assert.Equal("poison.txt", rejected.FileName);
        Assert.Contains("classifier blew up", rejected.Reason);
        Assert.Contains($"{new WorkerOptions().MaxAttempts} attempt(s) (Worker:MaxAttempts)", rejected.Reason);
        var fault = Assert.Single(harness.Published.Select<Fault<ArticlesReceived>>()).Context.Message;
        Assert.Equal("poison.txt", Assert.Single(fault.Message.Articles).FileName);
        // Once in the batch, then MaxAttempts times alone.
        Assert.Equal(1 + new WorkerOptions().MaxAttempts, poisonCalls);
    }
}
