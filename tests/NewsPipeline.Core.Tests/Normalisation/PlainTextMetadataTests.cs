using NewsPipeline.Core.Normalisation.PlainText;

namespace NewsPipeline.Core.Tests.Normalisation;

/// <summary>Plain-text metadata is only set when it looks like what it claims to be.</summary>
public sealed class PlainTextMetadataTests
{
    private const string Body =
        "The city council voted on Tuesday to approve the new budget after a long debate that lasted well into the night.\n\n" +
        "Supporters said the plan would fund schools and repair roads, while critics warned that it relied on optimistic forecasts.\n\n" +
        "The mayor is expected to sign the budget next week, and the first payments are due to go out at the start of July.\n";

    private readonly PlainTextNormaliser _normaliser = new();

    [Theory]
    [InlineData("Sharing is caring!")]
    [InlineData("Show more sharing options")]
    [InlineData("Facebook Twitter Email LinkedIn Reddit Pinterest")]
    [InlineData("Al Goldis, Associated Press")]
    [InlineData("Kevin Johnson and Kevin McCoy USA TODAY")]
    [InlineData("BLOG > Weight Loss > Weight Loss Tips")]
    [InlineData("Last Updated : Nov 20, 2019 01:41 PM IST")]
    [InlineData("Menu")]
    [InlineData("TwitterShare to Email")]
    [InlineData("×")]
    public void ChromeLine_IsNoTitle(string chrome)
    {
        Assert.False(PlainTextNormaliser.LooksLikeTitle(chrome));
    }

    [Theory]
    [InlineData("Council approves budget after long debate")]
    [InlineData("Facebook fined over privacy failures")]
    [InlineData("Nollywood Actress, Kate Henshaw Is Looking Stunning In New Photos")]
    [InlineData("엘제이의 리벤지인가, 류화영의 코스프레인가")]
    public void Headline_IsATitle(string headline)
    {
        Assert.True(PlainTextNormaliser.LooksLikeTitle(headline));
    }

    [Fact]
    public void OnlyChromeAboveTheBody_TitleIsEmpty()
    {
        var article = _normaliser.Normalise("Show more sharing options\n\n" + Body).Article!;

        Assert.Equal("", article.Title);
    }

    [Theory]
    [InlineData("+49 (0)40 890 85-433", null)]
    [InlineData("Read More »»", null)]
    [InlineData("And They're Not Great", null)]
    [InlineData("Tags: budget, council", null)]
    [InlineData("Source: Moneycontrol.com", "Moneycontrol.com")]
    [InlineData("The Hill", "The Hill")]
    public void SiteName_OnlyWhenAName(string site, string? expected)
    {
        Assert.Equal(expected, PlainTextNormaliser.SiteOrNull(site));
    }

    [Theory]
    [InlineData("By Tess Bonn - 11/19/19 06:56 AM EST", "By Tess Bonn", 2019, 11, 19)]
    [InlineData("By Umair Irfan Updated Nov 13, 2019, 10:28am EST", "By Umair Irfan", 2019, 11, 13)]
    [InlineData("by Regan September 15, 2014", "by Regan", 2014, 9, 15)]
    [InlineData("By Jason Cipriani | November 18, 2019 -- 19:14 GMT", "By Jason Cipriani", 2019, 11, 18)]
    public void Byline_DateSplitOut(string line, string byline, int year, int month, int day)
    {
        Assert.Equal(byline, PlainTextNormaliser.WithoutDate(line, out var date));
        Assert.Equal(new DateTime(year, month, day), date!.Value.Date);
    }

    [Fact]
    public void BylineWithDate_InAnArticle_BylineAndPublishedApart()
    {
        var article = _normaliser.Normalise("Council approves budget after long debate\n\nBy Tess Bonn - 11/19/19 06:56 AM EST\n\n" + Body).Article!;

        Assert.Equal("By Tess Bonn", article.Byline);
        Assert.Equal(["Tess Bonn"], article.Authors);
        Assert.Equal(new DateTime(2019, 11, 19), article.Published!.Value.Date);
    }
}
