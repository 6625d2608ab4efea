using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

/// <summary>One rule of the HTML metadata reader per test, each on a small inline page.</summary>
public sealed class HtmlMetadataTests
{
    private const string Body =
        "<p>The city council voted on Tuesday to approve the new budget after a long debate that lasted well into the night and drew a large crowd.</p>" +
        "<p>Supporters said the plan would fund schools and repair roads, while critics warned that it relied on optimistic forecasts of tax revenue.</p>" +
        "<p>The mayor is expected to sign the budget next week, and the first payments are due to go out at the start of the new fiscal year in July.</p>";

    private readonly HtmlArticleNormaliser _normaliser = new();

    private NormalisedArticle Extract(string head, string bodyTop = "", string url = "")
    {
        var html = $"<html><head>{head}{url}</head><body><article>{bodyTop}{Body}</article></body></html>";
        var result = _normaliser.NormaliseHtml(html);
        Assert.True(result.Article is not null, result.Error);
        return result.Article!;
    }

    [Fact]
    public void MetaValueAttribute_ReadLikeContent()
    {
        var article = Extract("""<meta name="author" value="Jane Doe"><meta name="article:published_time" value="2019-04-15T13:18:34+00:00">""");

        Assert.Equal(["Jane Doe"], article.Authors);
        Assert.Equal(new DateTimeOffset(2019, 4, 15, 13, 18, 34, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void BylMeta_PrefixDroppedAndNamesSplit()
    {
        var article = Extract("""<meta name="byl" content="By Marc Santora, William K. Rashbaum and Al Baker">""");

        Assert.Equal(["Marc Santora", "William K. Rashbaum", "Al Baker"], article.Authors);
        Assert.Equal("By Marc Santora, William K. Rashbaum and Al Baker", article.Byline);
    }

    [Theory]
    [InlineData("dc.creator")]
    [InlineData("DC.Creator")]
    [InlineData("citation_author")]
    [InlineData("parsely-author")]
    [InlineData("sailthru.author")]
    public void AuthorMetaKeys_Read(string key)
    {
        Assert.Equal(["Jane Doe"], Extract($"""<meta name="{key}" content="Jane Doe">""").Authors);
    }

    [Fact]
    public void ParselyPage_AuthorAndDate()
    {
        var article = Extract("""<meta name="parsely-page" content='{"title": "Budget passes", "author": "Jane Doe", "pub_date": "2016-12-21T23:49:10Z"}'>""");

        Assert.Equal(["Jane Doe"], article.Authors);
        Assert.Equal(new DateTimeOffset(2016, 12, 21, 23, 49, 10, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void AuthorMeta_SiteNameOrUrl_IsNoByline()
    {
        var article = Extract("""<meta property="og:site_name" content="ABC News"><meta name="author" content="ABC News"><meta property="article:author" content="https://example.com/jane">""");

        Assert.Empty(article.Authors);
    }

    [Fact]
    public void JsonLd_AuthorByIdInGraph_Resolved()
    {
        var article = Extract("""
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"NewsArticle","headline":"Budget passes","author":[{"@id":"https://example.com/#/person/1"}],"datePublished":"2016-01-12T17:00:44+00:00"},
              {"@type":"Person","@id":"https://example.com/#/person/1","name":"Frederic Lardinois"}]}</script>
            """);

        Assert.Equal(["Frederic Lardinois"], article.Authors);
        Assert.Equal(new DateTimeOffset(2016, 1, 12, 17, 0, 44, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void JsonLd_WebPageOnly_GivesDateAndAuthor()
    {
        var article = Extract("""<script type="application/ld+json">{"@type":"WebPage","name":"Budget","datePublished":"2020-03-11T20:07:04+00:00","author":{"@type":"Person","name":"Jane Doe"}}</script>""");

        Assert.Equal(["Jane Doe"], article.Authors);
        Assert.Equal(new DateTime(2020, 3, 11), article.Published!.Value.Date);
    }

    [Fact]
    public void JsonLd_EmbeddedVideoObjectDate_GivesWayToThePagesOwnDateOfAnotherDay()
    {
        // A related video's card carries its own VideoObject; the page has no article object, and its own tags say the 30th.
        const string video = """<script type="application/ld+json">{"@type":"VideoObject","name":"Watch now","uploadDate":"2020-09-29T22:40:00-07:00"}</script>""";
        const string own = """<meta itemprop="datePublished" content="2020-09-30T02:00:07-07:00">""";

        Assert.Equal(new DateTimeOffset(2020, 9, 30, 2, 0, 7, TimeSpan.FromHours(-7)), Extract(own + video).Published);
        // The same day: the JSON-LD value stays (it may be the more precise one).
        Assert.Equal(new DateTimeOffset(2020, 9, 29, 22, 40, 0, TimeSpan.FromHours(-7)),
            Extract(video + """<meta itemprop="datePublished" content="2020-09-29">""").Published);
    }

    [Fact]
    public void JsonLd_DatePublishedBeatsMeta_UnlessThePageShowsTheMetaDate()
    {
        const string ld = """<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-09-01T10:00:00Z"}</script>""";
        const string meta = """<meta property="article:published_time" content="2025-09-05T10:00:00Z">""";

        Assert.Equal(1, Extract(ld + meta).Published!.Value.Day);
        Assert.Equal(5, Extract(ld + meta, "<h1>Budget passes after long debate</h1><time>September 5, 2025</time>").Published!.Value.Day);
        // Shown plainly under the headline, in no date element, it counts too.
        Assert.Equal(5, Extract(ld + meta, "<h1>Budget passes after long debate</h1><div class=\"card\"><span>Sep 5, 2025</span><span>5 mins</span></div>").Published!.Value.Day);
    }

    [Theory]
    [InlineData("<h1>Budget passes after long debate</h1><div class=\"article-cnt__author\"><span>By</span> Travis Haney</div>", "Travis Haney")]
    [InlineData("<h1>Budget passes after long debate</h1><p class=\"byline\">By Jane Doe and John Roe | May 5, 2019</p>", "Jane Doe")]
    [InlineData("<h1>Budget passes after long debate</h1><div class=\"meta\"><a href=\"/author/jane-doe\">Jane Doe</a></div>", "Jane Doe")]
    [InlineData("<h1>Budget passes after long debate</h1><div class=\"article__author\">Politik · Jochen Bittner, Tina Hildebrandt</div>", "Jochen Bittner")]
    [InlineData("<h1>Budget passes after long debate</h1><div class=\"autor\">Von Anna Schmidt</div><span class=\"author\">Von Anna Schmidt</span>", "Anna Schmidt")]
    [InlineData("<h1>Budget passes after long debate</h1><span class=\"author\">Par Marie Dupont</span>", "Marie Dupont")]
    [InlineData("<h1>Budget passes after long debate</h1><span class=\"byline\">Jane Doe, Reuters</span>", "Jane Doe")]
    public void VisibleByline_UsualForms(string top, string expected)
    {
        Assert.Contains(expected, Extract("", top).Authors);
    }

    [Fact]
    public void VisibleByline_AfterTheHeadline_BeatsOneBefore()
    {
        var article = Extract("", "<div class=\"author-box\"><a href=\"/author/other\">Sidebar Person</a></div><h1>Budget passes after long debate</h1><span class=\"byline\">By Jane Doe</span>");

        Assert.Equal(["Jane Doe"], article.Authors);
    }

    [Fact]
    public void VisibleByline_DateOnly_IsNoAuthor()
    {
        Assert.Empty(Extract("", "<h1>Budget passes after long debate</h1><span class=\"byline\">December 20, 2016</span>").Authors);
    }

    [Fact]
    public void Ampersand_InOneName_NotSplit()
    {
        Assert.Equal(["Mac & i"], Extract("""<meta name="author" content="Mac & i">""").Authors);
        Assert.Equal(["Jane Doe", "John Roe"], Extract("""<meta name="author" content="Jane Doe & John Roe">""").Authors);
    }

    [Fact]
    public void VisibleDate_NearHeadline_WhenNoTag()
    {
        var article = Extract("", "<h1>Budget passes after long debate</h1><span class=\"post-date\">Posted on 19. November 2019</span>");

        Assert.Equal(new DateTimeOffset(2019, 11, 19, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void UrlDate_Last()
    {
        var article = Extract("", url: """<link rel="canonical" href="https://example.com/2016/12/09/budget-passes/">""");

        Assert.Equal(new DateTimeOffset(2016, 12, 9, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Theory]
    [InlineData("HackerRank Makes Recruiting Transparent | TechCrunch", "TechCrunch", "HackerRank Makes Recruiting Transparent")]
    [InlineData("Why Donald Trump won't change | CNN Politics", "CNN", "Why Donald Trump won't change")]
    [InlineData("Fork The Government : Planet Money", "NPR", "Fork The Government : Planet Money")]
    [InlineData("Opinion | Why 3rd Grade Matters", "The New York Times", "Opinion | Why 3rd Grade Matters")]
    [InlineData("Pastebin.com - atg 1700", "Pastebin", "atg 1700")]
    [InlineData("メディア芸術祭賞が受賞：朝日新聞デジタル", "朝日新聞デジタル", "メディア芸術祭賞が受賞")]
    public void StripSiteName_OnlyTheSiteName(string title, string site, string expected)
    {
        Assert.Equal(expected, HtmlTitle.StripSiteName(title, [site]));
    }

    [Fact]
    public void Title_KeepsSiteNameInSource()
    {
        var article = Extract("""<title>Budget passes after long debate - The Boston Globe</title><meta property="og:site_name" content="BostonGlobe.com">""");

        Assert.Equal("Budget passes after long debate", article.Title);
        Assert.Equal("The Boston Globe", article.Source);
    }

    [Theory]
    [InlineData("Bloomberg.com", "Bloomberg")]
    [InlineData("X (formerly Twitter)", "X")]
    [InlineData("Mac & i", "Mac & i")]
    public void SiteName_AsReadersWriteIt(string declared, string expected)
    {
        Assert.Equal(expected, Extract($"""<meta property="og:site_name" content="{declared}">""").Source);
    }

    [Fact]
    public void DecoyOutsideArticleBody_NotTakenAsBodyOrTitle()
    {
        var html = $"""
            <html><head><meta property="og:title" content="Budget passes after long debate"></head><body>
            <div><p>Sign up for our newsletter to get the day's top stories sent to your inbox every single morning, free of charge, forever and ever.</p></div>
            <div itemprop="articleBody"><h1>Budget passes after long debate</h1>{Body}</div></body></html>
            """;

        var article = _normaliser.NormaliseHtml(html).Article!;

        Assert.Equal("Budget passes after long debate", article.Title);
        Assert.DoesNotContain("newsletter", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void NoArticleText_DescriptionIsTheText()
    {
        var result = _normaliser.NormaliseHtml("""<html><head><title>A video</title><meta name="description" content="ElixirConf 2016 keynote by José Valim, recorded in Orlando."></head><body><div id="player"></div></body></html>""");

        Assert.Equal("ElixirConf 2016 keynote by José Valim, recorded in Orlando.", result.Article?.Body);
    }

    [Fact]
    public void Modified_ItsOwnField_PublishedStaysTheFirstPublication()
    {
        var article = Extract("""<meta property="article:published_time" content="2019-04-09T08:00:15-06:00"><meta property="article:modified_time" content="2021-12-10T20:06:09-07:00">""");

        Assert.Equal(new DateTimeOffset(2019, 4, 9, 8, 0, 15, TimeSpan.FromHours(-6)), article.Published);
        Assert.Equal(new DateTimeOffset(2021, 12, 10, 20, 6, 9, TimeSpan.FromHours(-7)), article.Modified);
    }

    [Theory]
    [InlineData("Opinion | Why third grade matters so much", "Opinion", "The Daily", "Why third grade matters so much")]
    [InlineData("Penny - Stardew Valley Wiki", "Penny", "Stardew Valley Wiki", "Penny")]
    public void ShortH1_LabelPartGivesWay_UnlessTheOtherPartIsTheSite(string declared, string h1, string site, string expected)
    {
        var html = $"""<html><head><meta property="og:title" content="{declared}"><meta property="og:site_name" content="{site}"></head><body><article><h1>{h1}</h1>{Body}</article></body></html>""";

        Assert.Equal(expected, _normaliser.NormaliseHtml(html).Article!.Title);
    }

    [Fact]
    public void ArticleAuthorTag_BeatsTheGenericAuthorMeta()
    {
        var article = Extract("""<meta name="author" content="Condé Nast"><meta property="article:author" content="Emma Grey Ellis">""");

        Assert.Equal(["Emma Grey Ellis"], article.Authors);
    }

    [Fact]
    public void JsonLdAuthorName_LosesItsBy()
    {
        var ld = """<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"By Will Smale"}]}</script>""";

        Assert.Equal(["Will Smale"], Extract(ld).Authors);
    }

    [Fact]
    public void DeclaredName_AnyCase_ShownTextMustReadAsAName()
    {
        Assert.Equal(["cindy mangomini"], Extract("""<meta name="author" content="cindy mangomini">""").Authors);
        Assert.Empty(Extract("", "<h1>Budget passes after long debate</h1><span class=\"byline\">cindy mangomini</span>").Authors);
    }

    [Theory]
    [InlineData("<div class=\"byline\"><a href=\"/x\">Saibal Dasgupta</a> / TNN / Updated: Oct 9, 2019</div>", "Saibal Dasgupta")]
    [InlineData("<div class=\"meta\"><a href=\"https://example.com/about/editors/jon-fingas/\">Jon Fingas</a></div>", "Jon Fingas")]
    public void VisibleByline_SlashTailAndEditorLinks(string top, string expected)
    {
        Assert.Equal([expected], Extract("", "<h1>Budget passes after long debate</h1>" + top).Authors);
    }

    [Fact]
    public void PressRelease_JsonLdAuthorThatIsItsPublisher_Kept()
    {
        var ld = """<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Segment"},"publisher":{"@type":"Organization","name":"Segment"}}</script>""";

        var article = Extract(ld + """<meta property="og:site_name" content="GlobeNewswire News Room">""");

        Assert.Equal("Segment", article.Source);
        Assert.Equal(["Segment"], article.Authors);
    }

    [Fact]
    public void CustomDatetimeElement_ReadLikeTime()
    {
        var article = Extract("", """<h1>Budget passes after long debate</h1><relative-time datetime="2020-07-07T12:10:51Z">on Jul 7, 2020</relative-time>""");

        Assert.Equal(new DateTimeOffset(2020, 7, 7, 12, 10, 51, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void DateElementTooltip_ReadWhenTheTextIsRelative()
    {
        var article = Extract("", """<h1>Budget passes after long debate</h1><div class="news-time-ago" title="2020-09-20T14:20:02Z">2 hours ago</div>""");

        Assert.Equal(new DateTimeOffset(2020, 9, 20, 14, 20, 2, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void DateUnderHeadline_PlainElementsBetweenHeadlineAndBody()
    {
        var article = Extract("", "<div><h1>Budget passes after long debate</h1></div><div><div><span>Jane Doe</span></div><div><div>December 16, 2016, 4:19 PM</div></div></div>");

        Assert.Equal(new DateTimeOffset(2016, 12, 16, 16, 19, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void DateUnderHeadline_NotPastTheFirstParagraph()
    {
        var html = $"<html><head></head><body><article><h1>Budget passes after long debate</h1>{Body}<div>March 3, 2015</div></article></body></html>";

        Assert.Null(_normaliser.NormaliseHtml(html).Article!.Published);
    }

    [Fact]
    public void DateUnderHeadline_AnH2ThatShowsTheTitle()
    {
        var html = $"<html><head><title>Budget passes after long debate</title></head><body><h2>Budget passes after long debate</h2><article><div>Reporter | 2020-03-04 16:52:59</div>{Body}</article></body></html>";

        Assert.Equal(new DateTimeOffset(2020, 3, 4, 16, 52, 0, TimeSpan.Zero), _normaliser.NormaliseHtml(html).Article!.Published);
    }

    [Fact]
    public void UrlDate_BeatsADateShownBesideTheArticle()
    {
        var article = Extract("""<link rel="canonical" href="https://example.com/2016/11/28/budget-passes/">""",
            "<h1>Budget passes after long debate</h1><span class=\"blogroll__media-date\">8/10/2022 9:57 AM PT</span>");

        Assert.Equal(new DateTimeOffset(2016, 11, 28, 0, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void ModifiedOnly_IsThePublishedDateToo()
    {
        var article = Extract("""<meta property="article:modified_time" content="2019-02-22T14:37:03+09:00">""");

        Assert.Equal(new DateTimeOffset(2019, 2, 22, 14, 37, 3, TimeSpan.FromHours(9)), article.Published);
        Assert.Equal(article.Published, article.Modified);
    }

    [Theory]
    [InlineData("""{"@type":"NewsArticle","datePublished":"2020-10-26T18:10:00+01:00"} }""")]
    [InlineData("""{"@type":"Review","datePublished":"2020-10-26T18:10:00+01:00"}""")]
    public void JsonLd_FirstValueOfAScriptAndReviews(string json)
    {
        var article = Extract($"""<script type="application/ld+json">{json}</script>""");

        Assert.Equal(new DateTimeOffset(2020, 10, 26, 18, 10, 0, TimeSpan.FromHours(1)), article.Published);
    }

    [Theory]
    [InlineData("Opinion | Enough platitudes: Let’s name names", "Enough platitudes: Let’s name names", "Enough platitudes: Let’s name names")]
    [InlineData("Lust for Youth: Lust for Youth", "Lust for Youth", "Lust for Youth: Lust for Youth")]
    [InlineData("The effect of vaccination: an observational study: Annals of Medicine", "The effect of vaccination", "The effect of vaccination")]
    public void Title_SectionLabelsAndColonSubtitles(string declared, string h1, string expected)
    {
        var html = $"""<html><head><meta property="og:title" content="{declared}"><meta property="og:site_name" content="The Daily"></head><body><article><h1>{h1}</h1>{Body}</article></body></html>""";

        Assert.Equal(expected, _normaliser.NormaliseHtml(html).Article!.Title);
    }

    [Theory]
    [InlineData("""<meta name="publisher" content="PR Newswire">""", "PR Newswire")]
    [InlineData("""<meta name="publisher" content="https://plus.google.com/+Example">""", null)]
    public void Site_PublisherMeta_WhenAName(string head, string? expected)
    {
        Assert.Equal(expected, Extract(head).Source);
    }

    [Fact]
    public void Site_MicrodataPublisherName()
    {
        var top = """<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization"><meta content="Business Today" itemprop="name"></div>""";

        Assert.Equal("Business Today", Extract("", top).Source);
    }

    [Fact]
    public void Site_JsonLdPublisherBeforeOgSiteName()
    {
        var ld = """<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"webpack"}}</script>""";

        Assert.Equal("webpack", Extract(ld + """<meta property="og:site_name" content="Medium">""").Source);
    }
}
