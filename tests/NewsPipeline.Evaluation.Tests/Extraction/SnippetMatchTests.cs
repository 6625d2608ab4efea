using NewsPipeline.Evaluation.Extraction;

namespace NewsPipeline.Evaluation.Tests.Extraction;

public sealed class SnippetMatchTests
{
    [Fact]
    public void CollapseWhitespace_RunsAndEdges_SingleSpacesTrimmed()
    {
        Assert.Equal("a b c", SnippetMatch.CollapseWhitespace("  a \n\n b\t\u00a0c  "));
    }

    [Fact]
    public void Score_SnippetAcrossLineBreak_Found()
    {
        var score = SnippetMatch.Score("First paragraph ends\n\nsecond starts", ["ends second"], []);
        Assert.Equal(new SnippetScore(1, 1, 0, 0), score);
    }

    [Fact]
    public void Score_CaseDiffers_NotFound()
    {
        var score = SnippetMatch.Score("Dining and drinking", ["Dining and Drinking"], ["dining"]);
        Assert.Equal(new SnippetScore(0, 1, 1, 1), score);
    }

    [Fact]
    public void Score_WithoutSnippetPresent_NotCountedAbsent()
    {
        var score = SnippetMatch.Score("Body text. Reply", ["Body text."], ["Reply", "Advertising"]);
        Assert.Equal(new SnippetScore(1, 1, 1, 2), score);
    }
}
