using NewsPipeline.Core.Classification;

namespace NewsPipeline.Core.Tests.Classification;

/// <summary>The committed default model (src/NewsPipeline/Models/topic-model.bin, linked into the test output).</summary>
public sealed class DefaultModelTests
{
    private static readonly Lazy<TopicModel> Model = new(() =>
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Models", "topic-model.bin"));
        return TopicModel.Load(stream);
    });

    [Fact]
    public void Load_CommittedModel_HasAgNewsLabels()
    {
        Assert.Equal(["Business", "Sci/Tech", "Sports", "World"], Model.Value.Labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Classify_BlinkenLikeArticle_WorldWithConfidence()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "blinken-like.txt"));
        var title = lines[0];
        var body = string.Join('\n', lines.Skip(1));

        var prediction = Model.Value.Classify(title, body);

        Assert.Equal("World", prediction.Category);
        Assert.True(prediction.Confidence >= 0.7, $"confidence {prediction.Confidence}");
    }

    [Theory]
    [InlineData("Yankees beat Red Sox in extra innings", "The Yankees won 5-4 in the 11th inning as the pitcher struck out the side.", "Sports")]
    [InlineData("Shares fall as profit warning hits retailer", "The company's stock dropped 12 percent after it cut its quarterly earnings forecast, analysts said.", "Business")]
    [InlineData("New chip doubles battery life of laptops", "The processor, unveiled by the software and hardware maker, uses less power and runs Linux and Windows.", "Sci/Tech")]
    public void Classify_PlainArticles_ExpectedTopic(string title, string body, string expected)
    {
        Assert.Equal(expected, Model.Value.Classify(title, body).Category);
    }
}
