using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

public sealed class BoilerplatePatternsTests
{
    [Theory]
    [InlineData("sidebar widget", null, true)]
    [InlineData(null, "comments", true)]
    [InlineData("header-ads", null, true)]
    [InlineData("col ad", null, true)]
    // "ad" words count only between delimiters: "loads" is not an ad.
    [InlineData("loads", null, false)]
    [InlineData("grid\tloads\nrow", null, false)]
    // A furniture word with an article word anywhere in class or id may still hold the article.
    [InlineData("sidebar", "main", false)]
    [InlineData("related entry-content", null, false)]
    [InlineData("", "", false)]
    [InlineData(null, null, false)]
    public void IsUnlikelyCandidate_ClassAndId_MatchesAnyWord(string? cls, string? id, bool expected)
    {
        Assert.Equal(expected, BoilerplatePatterns.IsUnlikelyCandidate(cls, id));
        // Asked again (now from the word cache), the answer is the same.
        Assert.Equal(expected, BoilerplatePatterns.IsUnlikelyCandidate(cls, id));
    }

    [Theory]
    [InlineData("post-body", null, 25)]
    [InlineData("share-bar", null, -25)]
    [InlineData("share-bar entry", null, 0)]
    [InlineData("share-bar", "content", 0)]
    [InlineData("comment", "footer", -50)]
    [InlineData("grid row", null, 0)]
    public void ClassWeight_ClassAndId_WeighsEachAttributeOnce(string? cls, string? id, int expected)
    {
        Assert.Equal(expected, BoilerplatePatterns.ClassWeight(cls, id));
    }
}
