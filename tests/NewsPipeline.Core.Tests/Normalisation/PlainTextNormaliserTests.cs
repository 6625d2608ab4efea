using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.PlainText;

namespace NewsPipeline.Core.Tests.Normalisation;

public sealed class PlainTextNormaliserTests
{
    private readonly PlainTextNormaliser _normaliser = new();

    [Fact]
    public void Normalise_SeedShapedFixture_TitleBodySourceAndContributorsSeparated()
    {
        var article = Normalise(File.ReadAllText(TestData.Fixture("blinken-like.txt")));

        Assert.Equal("US did not encourage or enable Ukraine to strike inside Russia, Blinken says", article.Title);
        Assert.StartsWith("Secretary of State Antony Blinken said", article.Body);
        Assert.EndsWith("strengthen protection at key facilities.", article.Body);
        Assert.DoesNotContain("Oops", article.Body);
        Assert.DoesNotContain("Something went wrong", article.Body);
        Assert.DoesNotContain("For the latest news", article.Body);
        Assert.DoesNotContain("contributed to this report", article.Body);
        Assert.Equal("The Hill", article.Source);
        Assert.Equal(["The Associated Press"], article.Contributors);
        Assert.Equal(3, article.Body.Split("\n\n").Length);
        Assert.Equal("en", article.Language);
    }

    [Fact]
    public void Normalise_WholePageText_KeepsArticleDropsMenusShareBarAndComments()
    {
        var page = string.Join('\n',
            "City council approves new cycle lanes | Springfield Herald",
            "Home", "News", "Sport", "Business", "Opinion", "Subscribe", "Sign in",
            "City council approves new cycle lanes",
            "By Jane Doe and John Roe",
            "March 3, 2024 at 9:15 am",
            "The city council voted on Tuesday to build twelve kilometres of protected cycle lanes across the centre, ending a debate that has lasted for more than two years.",
            "Supporters said the lanes would make the streets safer for children who ride to school, while some shop owners worried about the loss of parking in front of their stores.",
            "Construction",
            "Work is expected to begin in the spring and to be finished before the end of next year, according to the council's transport department and its engineers.",
            "Share on Facebook", "Share on Twitter", "Email",
            "12 Comments",
            "Mark says:", "March 3, 2024 at 10:01 am",
            "This is the best news I have heard all year and I hope that they finish it on time for once.",
            "Anna says:", "March 3, 2024 at 10:20 am",
            "What a waste of money, the roads are already full and now there will be even less room for cars in the city.",
            "Privacy policy", "Terms of use", "© 2024 Springfield Herald");

        var article = Normalise(page);

        Assert.Equal("City council approves new cycle lanes", article.Title);
        Assert.StartsWith("The city council voted on Tuesday", article.Body);
        Assert.EndsWith("transport department and its engineers.", article.Body);
        Assert.DoesNotContain("waste of money", article.Body);
        Assert.DoesNotContain("Subscribe", article.Body);
        Assert.Equal("By Jane Doe and John Roe", article.Byline);
        Assert.Equal(["Jane Doe", "John Roe"], article.Authors);
        Assert.Equal(new DateTimeOffset(2024, 3, 3, 9, 15, 0, TimeSpan.Zero), article.Published);
        Assert.Equal("Springfield Herald", article.Source);
    }

    [Fact]
    public void Normalise_ArticleEndingInAnIntroducedList_KeepsTheListUpToTheShareBar()
    {
        var page = string.Join('\n',
            "Band announces reunion tour | Springfield Herald",
            "Home", "News", "Music", "Subscribe",
            "Band announces reunion tour",
            "The band will reunite next summer for a thirty-date tour of amphitheatres, the first time the four founding members have played together in decades.",
            "Tickets go on sale on Friday at the promoter's website, and the band said the set list would cover every album it has released since the first one.",
            "The reunion tour dates for next year:",
            "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
            "June 10 -- Credit Union Amphitheatre, Tampa, FL",
            "June 14 -- Bank Arena, Atlanta",
            "June 17 -- Riverside Arena, Nashville, TN",
            "Share on Facebook", "Share on Twitter", "Email",
            "Privacy policy", "Terms of use", "© 2024 Springfield Herald");

        var article = Normalise(page);

        Assert.EndsWith("The reunion tour dates for next year:\n\nJune 9 -- Coral Sky Amphitheatre, West Palm Beach, FL\n\nJune 10 -- Credit Union Amphitheatre, Tampa, FL"
            + "\n\nJune 14 -- Bank Arena, Atlanta\n\nJune 17 -- Riverside Arena, Nashville, TN", article.Body);
        Assert.DoesNotContain("Share on", article.Body);
    }

    [Fact]
    public void Normalise_HardWrappedParagraphs_JoinedIntoOneParagraphEach()
    {
        var text = "Wrapped report\n\n" +
            "The committee published its findings on Monday after a long review of the\n" +
            "evidence gathered over the past year from witnesses across the country and\n" +
            "abroad, recommending changes.\n\n" +
            "A second paragraph follows here, also written by the committee members in the\n" +
            "same style, and it closes the report with a short note of thanks to everyone.";

        var article = Normalise(text);

        Assert.Equal("Wrapped report", article.Title);
        var paragraphs = article.Body.Split("\n\n");
        Assert.Equal(2, paragraphs.Length);
        Assert.Contains("of the evidence gathered", paragraphs[0]);
    }

    [Fact]
    public void Normalise_WireCopyIndentedParagraphs_ReflowedByIndentation()
    {
        var text = "STANDARD OIL TO FORM FINANCIAL UNIT\n\n" +
            "Standard Oil Co and BP North America\n" +
            "Inc said they plan to form a venture to manage the money market\n" +
            "borrowing and investment activities of both companies.\n" +
            "    BP North America is a subsidiary of British Petroleum Co\n" +
            "Plc, which also owns a 55 pct interest in Standard Oil.\n" +
            "    The venture will be called BP/Standard Financial Trading\n" +
            "and will be operated by Standard Oil under the oversight of a\n" +
            "joint management committee.\n";

        var article = Normalise(text);

        Assert.Equal("STANDARD OIL TO FORM FINANCIAL UNIT", article.Title);
        var paragraphs = article.Body.Split("\n\n");
        Assert.Equal(3, paragraphs.Length);
        Assert.StartsWith("Standard Oil Co and BP North America Inc said", paragraphs[0]);
        Assert.StartsWith("BP North America is a subsidiary", paragraphs[1]);
    }

    [Fact]
    public void Normalise_OnlyMenuWords_FallsBackToTheLines()
    {
        var article = Normalise("Price list\nApples 2.00\nPears 3.10\nPlums 1.20");

        Assert.Equal("Price list", article.Title);
        Assert.Contains("Pears 3.10", article.Body);
    }

    [Fact]
    public void Normalise_JapanesePage_FindsArticleByCharacterLength()
    {
        var page = string.Join('\n', "ホーム", "ブログ", "お問い合わせ", "商品の改造が商標法違反に",
            "先日、不正に改造したスマートフォンを販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。",
            "通常、権利者により正規のルートで販売された商品をそのまま転売する場合は、商標権侵害にはなりません。",
            "関連記事", "カテゴリー", "サイトマップ");

        var article = Normalise(page);

        Assert.StartsWith("先日、", article.Body);
        Assert.DoesNotContain("関連記事", article.Body);
        Assert.Equal("ja", article.Language);
    }

    private NormalisedArticle Normalise(string text)
    {
        var result = _normaliser.Normalise(text);
        Assert.True(result.IsSuccess, result.Error);
        return result.Article!;
    }
}
