using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

public sealed class ContentLocatorTests
{
    [Theory]
    [InlineData("element element-0161dc5 widget", "element element-9f3e21b widget", true)]
    [InlineData("post post-7950 entry", "post post-12 entry", true)]
    [InlineData("widget text", "widget text", true)]
    [InlineData("widget text", "widget image", false)]
    [InlineData("widget text", "widget text extra", false)]
    [InlineData("col-1", "col-2", true)]
    public void SameClassIgnoringIds_WordsWithDigitsLeftOut(string a, string b, bool expected)
    {
        Assert.Equal(expected, ContentLocator.SameClassIgnoringIds(a, b));
    }
}
