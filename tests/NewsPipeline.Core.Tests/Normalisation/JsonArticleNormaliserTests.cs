using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Tests.Normalisation;

public sealed class JsonArticleNormaliserTests
{
    private readonly ArticleNormaliser _normaliser = new();

    [Fact]
    public void Normalise_FullSchema_EveryFieldMapped()
    {
        var json = """
            {
              "title": "Markets rally &amp; recover",
              "body": "Stocks rose on Monday.\n\nInvestors   cheered the news.",
              "url": "https://example.com/markets",
              "published": "2024-05-06T08:30:00+02:00",
              "dateModified": "2024-05-07T09:00:00+02:00",
              "source": "Example News",
              "authors": ["Jane Doe", "John Roe"],
              "byline": "By Jane Doe and John Roe",
              "contributors": ["Reuters"],
              "language": "en-GB"
            }
            """u8;

        var article = _normaliser.Normalise("a.json", json).Article!;

        Assert.Equal("Markets rally & recover", article.Title);
        Assert.Equal("Stocks rose on Monday.\n\nInvestors cheered the news.", article.Body);
        Assert.Equal("https://example.com/markets", article.Url);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 8, 30, 0, TimeSpan.FromHours(2)), article.Published);
        Assert.Equal(new DateTimeOffset(2024, 5, 7, 9, 0, 0, TimeSpan.FromHours(2)), article.Modified);
        Assert.Equal("Example News", article.Source);
        Assert.Equal(["Jane Doe", "John Roe"], article.Authors);
        Assert.Equal("By Jane Doe and John Roe", article.Byline);
        Assert.Equal(["Reuters"], article.Contributors);
        Assert.Equal("en", article.Language);
        Assert.Equal(8, article.WordCount);
    }

    [Fact]
    public void Normalise_AliasesAndAuthorString_Accepted()
    {
        var article = _normaliser.Normalise("a.json", """{"Headline": "T", "text": "Line one\nLine two", "author": "Jane Doe", "link": "https://x.test/"}"""u8).Article!;

        Assert.Equal("T", article.Title);
        Assert.Equal("Line one\n\nLine two", article.Body);
        Assert.Equal(["Jane Doe"], article.Authors);
        Assert.Equal("https://x.test/", article.Url);
    }

    [Fact]
    public void Normalise_HtmlField_BodyFromHtmlExtractor()
    {
        var result = _normaliser.Normalise("a.json", """{"title": "T", "html": "<html><body><p>The council met on Monday to discuss the budget for next year.</p></body></html>"}"""u8);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Contains("The council met on Monday", result.Article!.Body);
    }

    [Fact]
    public void Normalise_Array_RejectedOneArticlePerFile()
    {
        Assert.Equal("JSON array: one article object per file expected", _normaliser.Normalise("a.json", "[{\"body\": \"x\"}]"u8).Error);
    }
}
