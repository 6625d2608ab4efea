using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Evaluation.Tests.Classification;

public sealed class AgNewsCleanupTests
{
    [Theory]
    [InlineData("It#39;s a  quot;deal quot;", "It's a \"deal\"")]
    [InlineData("AT amp;T profits\\rise", "AT&T profits rise")]
    [InlineData("Reuters - Oil prices rose on Monday.", "Oil prices rose on Monday.")]
    [InlineData("Stocks slip (Reuters)", "Stocks slip")]
    [InlineData("A prize of  #36;10 million", "A prize of $10 million")]
    [InlineData("Plain text stays.", "Plain text stays.")]
    public void Clean_AgArtefacts_Removed(string input, string expected)
    {
        Assert.Equal(expected, AgNewsCleanup.Clean(input));
    }
}
