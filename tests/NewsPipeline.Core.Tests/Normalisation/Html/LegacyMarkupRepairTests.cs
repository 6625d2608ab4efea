using System.Text;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

/// <summary>Archive pages whose unclosed title, textarea or comment would swallow the page in an HTML5 parser.</summary>
public sealed class LegacyMarkupRepairTests
{
    private const string Title = "Council approves budget after late-night vote";
    private static readonly string ExpectedBody = string.Join("\n\n", HtmlFixtures.Paragraph1, HtmlFixtures.Paragraph2, HtmlFixtures.Paragraph3);

    private readonly HtmlArticleNormaliser _normaliser = new();

    [Fact]
    public void Normalise_UnclosedTitleBeforeMeta_TitleAndBody()
    {
        var html = Page($"""
            <title>{Title}
            <meta name="description" content="The budget passed.">
            <link rel="stylesheet" href="/site.css">
            """);

        var article = Extract(html);

        Assert.Equal(Title, article.Title);
        Assert.Equal(ExpectedBody, article.Body);
    }

    [Fact]
    public void Normalise_UnclosedTitleOnItsOwnLineBeforeHeadEnd_TitleAndBody()
    {
        var article = Extract(Page("<TITLE>\n" + Title + "\n"));

        Assert.Equal(Title, article.Title);
        Assert.Equal(ExpectedBody, article.Body);
    }

    [Fact]
    public void Normalise_UnclosedTitleClosedOnlyFarBelow_TitleAndBody()
    {
        // An HTML5 parser would run the title on to this stray end tag near the page's end.
        var article = Extract(Page("<title>" + Title, footer: "<p>Copyright 1999</title></p>"));

        Assert.Equal(Title, article.Title);
        Assert.Equal(ExpectedBody, article.Body);
    }

    [Fact]
    public void Normalise_UnclosedTextareaBeforeArticle_Body()
    {
        var html = Page($"<title>{Title}</title>", beforeArticle: """
            <form action="/search"><textarea name="q" rows="1" cols="20"></form>
            """);

        var article = Extract(html);

        Assert.Equal(Title, article.Title);
        Assert.Equal(ExpectedBody, article.Body);
    }

    [Fact]
    public void Normalise_TextareaRunningIntoAnotherTextarea_BodyBetweenThem()
    {
        var html = Page($"<title>{Title}</title>", beforeArticle: "<form><textarea name=\"a\"></form>",
            footer: "<form><textarea name=\"b\">Your comment</textarea></form>");

        Assert.Equal(ExpectedBody, Extract(html).Body);
    }

    [Fact]
    public void Normalise_UnclosedComment_EndsAtNextGreaterThan()
    {
        var html = Page($"<title>{Title}</title>", beforeArticle: "<!-- navigation removed 2003-05-01 >");

        var article = Extract(html);

        Assert.Equal(Title, article.Title);
        Assert.Equal(ExpectedBody, article.Body);
    }

    [Fact]
    public void Repair_WellFormedNewsPage_SameInstance()
    {
        var html = HtmlFixtures.NewsPage();

        Assert.Same(html, LegacyMarkupRepair.Repair(html));
    }

    [Theory]
    [InlineData("""<script>document.write("<title>x"); var c = "<!--";</script>""")]
    [InlineData("""<style>p::before { content: "<textarea>"; }</style>""")]
    [InlineData("""<div data-template="<title>unclosed <!-- too">x</div>""")]
    [InlineData("""<title>Tips: a < b and the <div> element</title>""")]
    [InlineData("""<textarea readonly><iframe src="/embed/1" width="560"></iframe><p>code</p></textarea>""")]
    [InlineData("""<svg><title/><path d="M0 0"/></svg>""")]
    [InlineData("""<svg><title>Icon</title><![CDATA[ <title> ]]></svg>""")]
    [InlineData("""<!--><!---><!-- a -- b --!><!-- ok -->""")]
    [InlineData("""<!--JS START---><!-----  End of Code -----!>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE html></ p>""")]
    public void Repair_WellFormedTrickyMarkup_SameInstance(string markup)
    {
        var html = Page($"<title>{Title}</title>", beforeArticle: markup);

        Assert.Same(html, LegacyMarkupRepair.Repair(html));
    }

    [Fact]
    public void Repair_WellFormedRentedBuffer_SameBuffer()
    {
        var html = HtmlFixtures.NewsPage();
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(html.Length);
        html.CopyTo(0, buffer, 0, html.Length);

        var (repaired, length) = LegacyMarkupRepair.Repair((buffer, html.Length));

        Assert.Same(buffer, repaired);
        Assert.Equal(html.Length, length);
        System.Buffers.ArrayPool<char>.Shared.Return(repaired);
    }

    [Theory]
    [InlineData("<title>Old page\n<meta name=x>", "<title>Old page\n</title><meta name=x>")]
    [InlineData("<textarea name=q></form><p>x</p>", "<textarea name=q></textarea></form><p>x</p>")]
    [InlineData("<!-- old nav > <p>x</p>", "<!-- old nav --> <p>x</p>")]
    [InlineData("<title>A</title><!-- a > <title>B\n<body>", "<title>A</title><!-- a --> <title>B\n</title><body>")]
    public void Repair_Malformed_InsertsTheMissingEnd(string html, string expected)
    {
        Assert.Equal(expected, LegacyMarkupRepair.Repair(html));
    }

    [Fact]
    public void NormaliseHtml_UnclosedTitle_SameAsBytes()
    {
        var html = Page("<title>" + Title + "\n<meta name=\"robots\" content=\"all\">");

        Assert.Equal(Extract(html).Body, _normaliser.NormaliseHtml(html).Article?.Body);
    }

    private static string Page(string head, string beforeArticle = "", string footer = "") => $"""
        <html>
        <head>
        {head}
        </head>
        <body>
        <div class="nav"><a href="/">Home</a> <a href="/news">News</a></div>
        {beforeArticle}
        <div class="article">
        <p>{HtmlFixtures.Paragraph1}</p>
        <p>{HtmlFixtures.Paragraph2}</p>
        <p>{HtmlFixtures.Paragraph3}</p>
        </div>
        <div class="footer">{footer}</div>
        </body>
        </html>
        """;

    private NormalisedArticle Extract(string html)
    {
        var result = _normaliser.Normalise(Encoding.UTF8.GetBytes(html));
        Assert.True(result.IsSuccess, result.Error);
        return result.Article!;
    }
}
