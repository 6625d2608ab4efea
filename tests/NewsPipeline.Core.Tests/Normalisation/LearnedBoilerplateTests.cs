using NewsPipeline.Core.Normalisation.Boilerplate;
using NewsPipeline.Core.Normalisation.PlainText;

namespace NewsPipeline.Core.Tests.Normalisation;

public sealed class LearnedBoilerplateTests
{
    private const string AboutBox = "Example Corp is a global provider of hospital communication systems, headquartered in Zurich.";

    [Fact]
    public void Observe_LineInThreeDifferentArticles_BecomesBoilerplate()
    {
        var store = new InMemoryBoilerplateStore(3);
        var line = BoilerplateLines.Hash(AboutBox);

        store.Observe(new BoilerplateObservation(1, [line]));
        store.Observe(new BoilerplateObservation(2, [line]));
        Assert.False(store.IsBoilerplate(line));
        store.Observe(new BoilerplateObservation(3, [line]));

        Assert.True(store.IsBoilerplate(line));
    }

    [Fact]
    public void Observe_SameArticleRepeatedly_NeverBoilerplate()
    {
        var store = new InMemoryBoilerplateStore(3);
        var line = BoilerplateLines.Hash(AboutBox);

        for (var i = 0; i < 10; i++)
            store.Observe(new BoilerplateObservation(42, [line]));

        Assert.False(store.IsBoilerplate(line));
    }

    [Fact]
    public void Hash_CaseDiffers_SameHash()
    {
        Assert.Equal(BoilerplateLines.Hash("Stay up to date with us."), BoilerplateLines.Hash("STAY UP TO DATE WITH US."));
    }

    [Fact]
    public void Normalise_AboutBoxAfterThreeArticles_DroppedFromTheFourth()
    {
        var normaliser = new PlainTextNormaliser(new InMemoryBoilerplateStore(3));
        for (var i = 0; i < 3; i++)
            Assert.Contains(AboutBox, normaliser.Normalise(Page(i)).Article!.Body);

        var fourth = normaliser.Normalise(Page(3)).Article!;

        Assert.DoesNotContain(AboutBox, fourth.Body);
        Assert.Contains("announced result number 3", fourth.Body);
    }

    [Fact]
    public void Normalise_SameArticleManyTimes_KeepsItsText()
    {
        var normaliser = new PlainTextNormaliser(new InMemoryBoilerplateStore(3));
        for (var i = 0; i < 5; i++)
            normaliser.Normalise(Page(7));

        Assert.Contains(AboutBox, normaliser.Normalise(Page(7)).Article!.Body);
    }

    private static string Page(int n) => string.Join('\n',
        $"Press release {n}",
        $"The company announced result number {n} on Monday, saying that the new product line had sold well across every region it serves this year.",
        $"Analysts had expected weaker figures for quarter {n}, but demand from hospitals in Europe and North America held up better than forecast.",
        AboutBox);
}
