using NewsPipeline.Evaluation.Extraction;

namespace NewsPipeline.Evaluation.Tests.Extraction;

public sealed class TokenOverlapTests
{
    [Fact]
    public void Tokenise_MixedText_LowerCaseWordTokens()
    {
        Assert.Equal(["it", "s", "a_b", "12", "café", "über"], TokenOverlap.Tokenise("It's a_b, 12 — Café/ÜBER!"));
    }

    [Fact]
    public void Score_IdenticalTexts_AllOne()
    {
        var score = TokenOverlap.Score("The cat sat.", "the CAT sat");
        Assert.Equal(new TokenScore(1, 1, 1), score);
    }

    [Fact]
    public void Score_ExtraAndMissingTokens_CountsAsMultisets()
    {
        // output: a a b c (4) ; gold: a b b d (4) ; common = min(2,1) + min(1,2) = 2
        var score = TokenOverlap.Score("a a b c", "a b b d");
        Assert.Equal(0.5, score.Precision, 6);
        Assert.Equal(0.5, score.Recall, 6);
        Assert.Equal(0.5, score.F1, 6);
    }

    [Fact]
    public void Score_OutputSupersetOfGold_FullRecallLowerPrecision()
    {
        var score = TokenOverlap.Score("menu home article text here footer", "article text here");
        Assert.Equal(0.5, score.Precision, 6);
        Assert.Equal(1.0, score.Recall, 6);
        Assert.Equal(2 * 0.5 / 1.5, score.F1, 6);
    }

    [Fact]
    public void Score_EmptyOutput_Zero()
    {
        Assert.Equal(new TokenScore(0, 0, 0), TokenOverlap.Score("", "gold words"));
    }
}
