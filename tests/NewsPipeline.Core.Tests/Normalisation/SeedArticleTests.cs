using NewsPipeline.Core.Normalisation;
using NewsPipeline.Testing;

namespace NewsPipeline.Core.Tests.Normalisation;

/// <summary>The reference input of the design (../shared/data/seed), when this machine has the shared data.</summary>
public sealed class SeedArticleTests
{
    [SharedDataFact("seed", "blinken-thehill.txt")]
    public void Normalise_RealSeed_ExactTitleCleanBodySourceAndContributor()
    {
        var bytes = File.ReadAllBytes(Path.Combine(SharedData.Require("seed", "blinken-thehill.txt"), "blinken-thehill.txt"));

        var result = new ArticleNormaliser().Normalise("blinken-thehill.txt", bytes);

        Assert.True(result.IsSuccess, result.Error);
        var article = result.Article!;
        Assert.Equal("US did not encourage or enable Ukraine to strike inside Russia, Blinken says", article.Title);
        Assert.StartsWith("Secretary of State Antony Blinken said", article.Body);
        Assert.EndsWith("throughout the winter season.", article.Body);
        Assert.DoesNotContain("Oops! Something went wrong. Please try again later.", article.Body.ReplaceLineEndings(" "));
        Assert.DoesNotContain("Oops", article.Body);
        Assert.DoesNotContain("For the latest news, weather, sports, and streaming video, head to The Hill.", article.Body);
        Assert.DoesNotContain("contributed to this report", article.Body);
        Assert.Equal("The Hill", article.Source);
        Assert.Equal(["The Associated Press"], article.Contributors);
        Assert.Equal("en", article.Language);
        Assert.DoesNotContain("\n\n\n", article.Body);
    }
}
