using System.Text;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

public sealed class HtmlArticleNormaliserTests
{
    private readonly HtmlArticleNormaliser _normaliser = new();

    [Fact]
    public void Normalise_PageWithFurniture_BodyIsOnlyTheArticleParagraphs()
    {
        var article = Extract(HtmlFixtures.NewsPage());

        var expected = string.Join("\n\n", HtmlFixtures.Paragraph1, HtmlFixtures.Paragraph2, HtmlFixtures.Paragraph3,
            HtmlFixtures.Subheading, HtmlFixtures.Paragraph4);
        Assert.Equal(expected, article.Body);
    }

    [Theory]
    [InlineData("Share on Facebook")]
    [InlineData("Reader One wrote")]
    [InlineData("Stadium plans delayed")]
    [InlineData("We use cookies")]
    [InlineData("newsletter")]
    [InlineData("Advertisement")]
    [InlineData("Sport")]
    [InlineData("All rights reserved")]
    [InlineData("tracking")]
    [InlineData("color: black")]
    public void Normalise_PageWithFurniture_DropsFurnitureText(string furniture)
    {
        var article = Extract(HtmlFixtures.NewsPage());

        Assert.DoesNotContain(furniture, article.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Normalise_ListInsideArticle_KeepsEachItemAsParagraph()
    {
        var list = "<ul><li>Schools receive four percent more than last year.</li><li>Libraries keep their Sunday opening hours.</li></ul>";

        var article = Extract(HtmlFixtures.NewsPage(extraBody: list));

        Assert.Contains("\n\nSchools receive four percent more than last year.\n\nLibraries keep their Sunday opening hours.", article.Body);
    }

    [Fact]
    public void Normalise_PlainPage_TitleFromH1AndMetadataFromMarkup()
    {
        var article = Extract(HtmlFixtures.NewsPage());

        Assert.Equal("Council approves budget after late-night vote", article.Title);
        Assert.Equal("By Jane Doe and John Roe", article.Byline);
        Assert.Equal(["Jane Doe", "John Roe"], article.Authors);
        Assert.Equal("en", article.Language);
        Assert.Equal(article.Body.Split(' ', '\n').Count(w => w.Length > 0 && w.Any(char.IsLetterOrDigit)), article.WordCount);
    }

    [Fact]
    public void Normalise_JsonLd_ReadsHeadlineAuthorsDatePublisherAndUrl()
    {
        const string jsonLd = """
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Ignore me"},
             {"@type":"NewsArticle","headline":"Council approves budget after late-night vote",
              "datePublished":"2024-03-05T22:15:00+01:00","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"Ann Other"}],
              "publisher":{"@type":"Organization","name":"The Daily Example"},"url":"https://example.com/news/budget"}]}
            </script>
            """;

        var article = Extract(HtmlFixtures.NewsPage(head: jsonLd));

        Assert.Equal(new DateTimeOffset(2024, 3, 5, 22, 15, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal(["Jane Doe", "Ann Other"], article.Authors);
        Assert.Equal("The Daily Example", article.Source);
        Assert.Equal("https://example.com/news/budget", article.Url);
    }

    [Fact]
    public void Normalise_MetaTags_ReadPublishedSiteNameCanonicalAndTitle()
    {
        const string head = """
            <meta property="og:site_name" content="Daily Example">
            <meta property="og:title" content="Council approves budget after late-night vote">
            <meta property="article:published_time" content="2024-03-05T21:15:00Z">
            <link rel="canonical" href="https://example.com/budget">
            """;

        var article = Extract(HtmlFixtures.NewsPage(head: head));

        Assert.Equal(new DateTimeOffset(2024, 3, 5, 21, 15, 0, TimeSpan.Zero), article.Published);
        Assert.Equal("Daily Example", article.Source);
        Assert.Equal("https://example.com/budget", article.Url);
        Assert.Equal("Council approves budget after late-night vote", article.Title);
    }

    [Fact]
    public void Normalise_TimeElementOnly_PublishedFromDatetime()
    {
        var article = Extract(HtmlFixtures.NewsPage(extraBody: "<p>Updated <time datetime=\"2024-03-06T08:00:00Z\">this morning</time>, the council confirmed.</p>"));

        Assert.Equal(new DateTimeOffset(2024, 3, 6, 8, 0, 0, TimeSpan.Zero), article.Published);
    }

    [Fact]
    public void Normalise_TitleWithSiteSuffixAndNoH1_StripsSiteName()
    {
        var html = HtmlFixtures.NewsPage().Replace("<h1>Council approves budget after late-night vote</h1>", "");

        Assert.Equal("Council approves budget after late-night vote", Extract(html).Title);
    }

    [Fact]
    public void Normalise_ContributorNoteAtEnd_MovesToContributors()
    {
        var article = Extract(HtmlFixtures.NewsPage(extraBody: "<p>The Associated Press contributed to this report.</p>"));

        Assert.Equal(["The Associated Press"], article.Contributors);
        Assert.DoesNotContain("contributed", article.Body);
    }

    [Fact]
    public void Normalise_BrokenMarkup_StillExtractsParagraphs()
    {
        var html = "<html><head><title>Broken</title><body><div class=content><p>" + HtmlFixtures.Paragraph1
            + "<p>" + HtmlFixtures.Paragraph2 + "<div><p>" + HtmlFixtures.Paragraph3 + "</span></b></div></table>";

        var article = Extract(html);

        Assert.Equal(string.Join("\n\n", HtmlFixtures.Paragraph1, HtmlFixtures.Paragraph2, HtmlFixtures.Paragraph3), article.Body);
    }

    [Fact]
    public void Normalise_DivsAndLineBreaksInsteadOfParagraphs_OneParagraphPerBlock()
    {
        var html = "<html><body><div id=post>" + HtmlFixtures.Paragraph1 + "<br><br>" + HtmlFixtures.Paragraph2
            + "<div>" + HtmlFixtures.Paragraph3 + "</div></div></body></html>";

        var article = Extract(html);

        Assert.Equal(string.Join("\n\n", HtmlFixtures.Paragraph1, HtmlFixtures.Paragraph2, HtmlFixtures.Paragraph3), article.Body);
    }

    [Fact]
    public void Normalise_JsonLdArticleBodyMuchLongerThanPage_UsesArticleBody()
    {
        var longBody = string.Join("\\n", HtmlFixtures.Paragraph1, HtmlFixtures.Paragraph2, HtmlFixtures.Paragraph3, HtmlFixtures.Paragraph4);
        var html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Budget\",\"articleBody\":\""
            + longBody + "\"}</script></head><body><div class=paywall><p>Subscribe to read the rest of this story today.</p></div></body></html>";

        var article = Extract(html);

        Assert.Equal(string.Join("\n\n", HtmlFixtures.Paragraph1, HtmlFixtures.Paragraph2, HtmlFixtures.Paragraph3, HtmlFixtures.Paragraph4), article.Body);
    }

    [Theory]
    [InlineData("<html><head><title>Nothing here</title></head><body><nav><a href=/>Home</a></nav></body></html>")]
    [InlineData("<html><body><script>document.write('hello')</script></body></html>")]
    public void Normalise_NoArticleText_FailsWithReason(string html)
    {
        var result = _normaliser.Normalise(Encoding.UTF8.GetBytes(html));

        Assert.False(result.IsSuccess);
        Assert.Equal("no article text found in the HTML page", result.Error);
    }

    [Fact]
    public void Normalise_CommentsStylesAndCdataInArticle_LeftOutWhileJsonLdAndTitleStay()
    {
        // The parser skips comments, raw text and CDATA; script text (JSON-LD) and RCDATA (<title>) must still be read.
        const string text = "The council approved the new budget on Tuesday, after a debate that lasted most of the night, and the mayor said work would start soon.";
        var html = "<html><head><title>Council approves budget | Town Paper</title>"
            + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Council approves budget\",\"author\":{\"name\":\"Ann Writer\"}}</script>"
            + "</head><body><article><!-- <p>hidden draft paragraph, not for readers, with enough words to count.</p> -->"
            + "<style>p.lead { color: red; }</style><p>" + text + "</p><p>" + text + "</p>"
            + "<svg><![CDATA[vector data]]></svg><xmp>raw sample markup</xmp></article></body></html>";

        var article = Extract(html);

        Assert.Equal(text + "\n\n" + text, article.Body);
        Assert.Equal("Council approves budget", article.Title);
        Assert.Equal(["Ann Writer"], article.Authors);
    }

    [Fact]
    public void Normalise_ManyPagesInARow_EachBodyIsItsOwn()
    {
        // Pages are decoded into pooled buffers: a long page followed by a short one must not leak the long one's text.
        const string longText = "Alpha paragraph about the harbour works, with commas, details, and more words to make it long enough to count.";
        const string shortText = "Beta paragraph about the school fair, with commas, and enough words to be taken as the article text.";
        var longPage = "<html><body><article>" + string.Concat(Enumerable.Repeat("<p>" + longText + "</p>", 400)) + "</article></body></html>";
        var shortPage = "<html><body><article><p>" + shortText + "</p></article></body></html>";

        var first = _normaliser.Normalise(Encoding.UTF8.GetBytes(longPage)).Article!;
        var second = _normaliser.Normalise(Encoding.UTF8.GetBytes(shortPage)).Article!;

        Assert.StartsWith(longText, first.Body);
        Assert.Equal(shortText, second.Body);
    }

    [Fact]
    public void Normalise_PostOnlyInTemplateScript_ExtractsTheTemplate()
    {
        // Blogger's dynamic views ship the post as HTML in a text/template script; the visible page is a shell.
        const string text = "Over the past few years we have seen threats on the web becoming increasingly sophisticated, and phishing sites rotate domains quickly.";
        var post = string.Concat(Enumerable.Repeat("<p>" + text + "</p>\n", 6));
        var html = "<html><body><header><h1>Security Blog</h1></header><div class='post-content'>"
            + "<script type='text/template'><span class=\"byline-author\">Posted by A. Writer</span>" + post + "</script>"
            + "<noscript>" + post + "</noscript></div><p>The latest news and insights on security.</p></body></html>";

        var article = Extract(html);

        Assert.EndsWith(string.Join("\n\n", Enumerable.Repeat(text, 6)), article.Body);
        Assert.DoesNotContain("latest news", article.Body);
    }

    [Fact]
    public void Normalise_ShortPageWithSmallTemplate_KeepsThePage()
    {
        // A template only replaces the page when it holds much more text (client-side widgets are templates too).
        const string text = "The council approved the new budget on Tuesday, after a debate that lasted most of the night.";
        var html = "<html><body><article><p>" + text + "</p></article>"
            + "<script type='text/template'><div class='widget'><p>{{ title }} and {{ summary }} of the teaser card</p></div></script></body></html>";

        Assert.Equal(text, Extract(html).Body);
    }

    [Fact]
    public void NormaliseHtml_HtmlString_SameResultAsBytes()
    {
        var html = HtmlFixtures.NewsPage();

        Assert.Equal(_normaliser.Normalise(Encoding.UTF8.GetBytes(html)).Article!.Body, _normaliser.NormaliseHtml(html).Article!.Body);
    }

    [Fact]
    public void Normalise_BlogNameH1WithArchiveChainTitle_TitleIsThePost()
    {
        var html = BlogPage("<title>Four Years Left » Blog Archive » Interning of small integers in Python</title>", "<h1>Four Years Left</h1>");

        Assert.Equal("Interning of small integers in Python", Extract(html).Title);
    }

    [Fact]
    public void Normalise_HeadlineH1FirstInChainTitle_TitleIsTheH1()
    {
        var html = BlogPage("<title>Council approves budget after late-night vote - Daily - News and more</title>",
            "<h1>Council approves budget after late-night vote</h1>");

        Assert.Equal("Council approves budget after late-night vote", Extract(html).Title);
    }

    [Fact]
    public void Normalise_NoH1AndH2IsOnePartOfTitle_TitleIsTheH2()
    {
        var html = BlogPage("<title>Jane's Digital Home | Reflections on porting to Python 3</title>", "<h2>Reflections on porting to Python 3</h2>");

        Assert.Equal("Reflections on porting to Python 3", Extract(html).Title);
    }

    [Fact]
    public void Normalise_NoH1AndH2IsWholeTitle_KeepsTheWholeTitle()
    {
        var html = BlogPage("<title>How to grow a lemon tree from seed | Step-by-step guide</title>", "<h2>How to grow a lemon tree from seed | Step-by-step guide</h2>");

        Assert.Equal("How to grow a lemon tree from seed | Step-by-step guide", Extract(html).Title);
    }

    [Fact]
    public void Normalise_MenuLabelTitleAndPhraseH1_TitleIsTheH1()
    {
        var html = BlogPage("<title>About Us - Harbour Trust</title><meta property=\"og:site_name\" content=\"Harbour Trust\">", "<h1>The strategic think and do tank</h1>");

        Assert.Equal("The strategic think and do tank", Extract(html).Title);
    }

    [Fact]
    public void Normalise_H1WithSubtitleElement_TitleIsTheDeclaredHeadline()
    {
        var html = BlogPage("<title>Deep-fried fish cakes, hot and fresh</title>",
            "<h1><span>Deep-fried fish cakes, hot and fresh</span><small>Welcome to the flavour capital of the north</small></h1>");

        Assert.Equal("Deep-fried fish cakes, hot and fresh", Extract(html).Title);
    }

    [Fact]
    public void Normalise_LetterFollowedBySignatoryTable_KeepsLetterAndTable()
    {
        var signatories = string.Concat(Enumerable.Range(1, 40).Select(i => $"<strong>Signer {i}</strong>, University {i}<br>"));
        var html = "<html><head><title>A letter</title></head><body><div class=\"page\"><h1>A letter</h1>"
            + $"<p>{HtmlFixtures.Paragraph1}</p><p>{HtmlFixtures.Paragraph2}</p>"
            + $"<table><tbody><tr><td>{signatories}</td><td>{signatories}</td><td>{signatories}</td></tr></tbody></table></div></body></html>";

        var article = Extract(html);

        Assert.Contains(HtmlFixtures.Paragraph1, article.Body);
        Assert.Contains("Signer 40", article.Body);
    }

    [Fact]
    public void Normalise_QuestionAndAnswerInSameBoxMarkup_KeepsBoth()
    {
        var html = "<html><head><title>Question</title></head><body>"
            + $"<div id=\"question\"><div class=\"post-body prose\"><p>{HtmlFixtures.Paragraph1}</p></div><div class=\"votes\">12 votes</div></div>"
            + $"<div id=\"answer\"><div class=\"post-body prose\"><p>{HtmlFixtures.Paragraph2}</p><p>{HtmlFixtures.Paragraph3}</p><p>{HtmlFixtures.Paragraph4}</p></div><div class=\"votes\">3 votes</div></div>"
            + "</body></html>";

        var article = Extract(html);

        Assert.Contains(HtmlFixtures.Paragraph1, article.Body);
        Assert.Contains(HtmlFixtures.Paragraph4, article.Body);
        Assert.True(article.Body.IndexOf(HtmlFixtures.Paragraph1, StringComparison.Ordinal) < article.Body.IndexOf(HtmlFixtures.Paragraph2, StringComparison.Ordinal));
    }

    [Fact]
    public void Normalise_InlineDatelineInFirstParagraph_KeepsTheDateline()
    {
        var html = "<html><head><title>Masks stolen</title></head><body><div class=\"story\">"
            + $"<div class=\"dateline\">Published 3 March 2020</div><p><span class=\"dateline\">KOBE – </span>{HtmlFixtures.Paragraph1}</p>"
            + $"<p>{HtmlFixtures.Paragraph2}</p><p>{HtmlFixtures.Paragraph3}</p><p>{HtmlFixtures.Paragraph4}</p></div></body></html>";

        var article = Extract(html);

        Assert.StartsWith("KOBE – " + HtmlFixtures.Paragraph1, article.Body, StringComparison.Ordinal);
        // A dateline box of its own is still furniture.
        Assert.DoesNotContain("Published 3 March", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_ArticleBoxWithButtons_KeepsTheBox()
    {
        // Vote, bookmark and share buttons beside a short question are no form: the box stays (its paragraphs are too
        // short to be rescued from a dropped box).
        var buttons = "<button>Up</button><button>Down</button><button>Save</button><button>Share</button>";
        var html = "<html><head><title>Question</title></head><body><div id=\"main\">"
            + $"<div class=\"question\"><div class=\"votes\">{buttons}</div><p>Why did the council vote so late into the night?</p><p>Was the stadium the only reason for it?</p></div>"
            + $"<div class=\"answer\"><div class=\"votes\">{buttons}</div><p>{HtmlFixtures.Paragraph3}</p><p>{HtmlFixtures.Paragraph4}</p><p>{HtmlFixtures.Paragraph2}</p></div>"
            + $"<div class=\"answer\"><div class=\"votes\">{buttons}</div><p>{HtmlFixtures.Paragraph4}</p><p>{HtmlFixtures.Paragraph3}</p><p>{HtmlFixtures.Paragraph2}</p></div>"
            + "</div></body></html>";

        var article = Extract(html);

        Assert.StartsWith("Why did the council vote so late into the night?\n\nWas the stadium the only reason for it?", article.Body, StringComparison.Ordinal);
        Assert.Contains(HtmlFixtures.Paragraph3, article.Body);
    }

    [Fact]
    public void Normalise_ShortSubheadingParagraphInItsOwnBox_KeepsIt()
    {
        var html = "<html><head><title>Hydrangeas</title></head><body><div class=\"article-body\">"
            + $"<div class=\"paragraph\"><p>{HtmlFixtures.Paragraph1}</p></div>"
            + "<div class=\"paragraph\"><p><strong>1. Choose a Pot</strong></p></div>"
            + $"<div class=\"paragraph\"><p>{HtmlFixtures.Paragraph2}</p></div><div class=\"paragraph\"><p>{HtmlFixtures.Paragraph3}</p></div>"
            + "<div class=\"counter\">12 likes</div>"
            + $"<div class=\"paragraph\"><p>{HtmlFixtures.Paragraph4}</p></div></div></body></html>";

        var article = Extract(html);

        Assert.Contains("\n\n1. Choose a Pot\n\n", article.Body, StringComparison.Ordinal);
        // A short box without a paragraph is still a fragment.
        Assert.DoesNotContain("12 likes", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_ListsOfStepsAndIngredients_KeepsBoth()
    {
        // Each step's text sits two boxes below its li, so the list itself gathers few votes and keeps a negative score.
        const string step1 = "Heat the oven to 180 degrees and melt the butter in the baking tin while the oven warms up slowly.";
        const string step2 = "Whisk the eggs with the sugar until pale and thick, then fold in the flour and the melted butter gently.";
        const string step3 = "Bake for forty minutes or until a skewer comes out clean, then leave the cake to cool in the tin for ten minutes.";
        string Step(string text) => $"<li class=\"step\"><div class=\"step-box\"><div class=\"number\">1</div><div class=\"step-text\">{text}</div></div></li>";
        var html = "<html><head><title>Cake</title></head><body><div class=\"recipe\">"
            + $"<p>{HtmlFixtures.Paragraph1}</p><p>{HtmlFixtures.Paragraph2}</p>"
            + $"<ul class=\"steps\">{Step(step1)}{Step(step2)}{Step(step3)}</ul>"
            + "<ul class=\"ingredients\"><li class=\"item\"><div>200 g plain flour, sifted twice</div></li><li class=\"item\"><div>3 large eggs at room temperature</div></li>"
            + "<li class=\"item\"><div>150 g caster sugar, or brown sugar</div></li></ul>"
            + $"<p>{HtmlFixtures.Paragraph3}</p></div></body></html>";

        var article = Extract(html);

        Assert.Contains(step1, article.Body);
        Assert.Contains(step3, article.Body);
        // Short items without links (ingredients) are text too.
        Assert.Contains("\n\n200 g plain flour, sifted twice\n\n3 large eggs at room temperature\n\n150 g caster sugar, or brown sugar\n\n", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_ListOfStepsEachWithAPhoto_IsNoGallery()
    {
        string Step(int i, string text) => $"<li class=\"direction\"><img src=\"/step{i}.jpg\" alt=\"\">{text}</li>";
        var html = "<html><head><title>Noodles</title></head><body><div class=\"recipe\">"
            + $"<p>{HtmlFixtures.Paragraph1}</p><p>{HtmlFixtures.Paragraph2}</p>"
            + "<ul class=\"directions\">" + Step(1, "Fry the tofu in a hot pan until it is golden brown on both sides.") + Step(2, "With 2 tbsp oil left in the wok, fry the garlic.")
            + Step(3, "Add the noodles and the sauce, toss well and serve hot.") + "</ul>"
            + $"<p>{HtmlFixtures.Paragraph3}</p></div></body></html>";

        var article = Extract(html);

        Assert.Contains("With 2 tbsp oil left in the wok, fry the garlic.", article.Body);
    }

    [Fact]
    public void Normalise_PageBuilderTextWidgetsWithPerInstanceClasses_JoinAsTwins()
    {
        string Widget(string id, string text) =>
            $"<div class=\"section section-{id}\"><div class=\"wrap wrap-{id}\"><div class=\"element element-{id} widget widget-text-editor\"><div class=\"text-editor\"><p>{text}</p></div></div></div></div>";
        var html = "<html><head><title>About us</title></head><body><div class=\"builder\">"
            + Widget("0161dc5", HtmlFixtures.Paragraph1 + " " + HtmlFixtures.Paragraph2)
            + "<div class=\"links\"><div class=\"cards\"><div class=\"card\"><div class=\"deep\"><a href=\"/a\">First of the programme pages we run</a> <a href=\"/b\">Second of the programme pages we run</a></div></div></div></div>"
            + Widget("9f3e21b", HtmlFixtures.Paragraph3 + " " + HtmlFixtures.Paragraph4 + " " + HtmlFixtures.Paragraph1)
            + "</div></body></html>";

        var article = Extract(html);

        Assert.StartsWith(HtmlFixtures.Paragraph1 + " " + HtmlFixtures.Paragraph2, article.Body, StringComparison.Ordinal);
        Assert.Contains(HtmlFixtures.Paragraph3, article.Body);
    }

    [Fact]
    public void Normalise_ProseParagraphInABoxOfImageLinks_KeepsTheParagraphOnly()
    {
        var cards = string.Concat(Enumerable.Range(1, 6).Select(i => $"<li><img src=\"/p{i}.png\" alt=\"\"><a href=\"/programs/{i}\"><span>Programme number {i}</span></a></li>"));
        var html = "<html><head><title>What we do</title></head><body><div class=\"entry-content\">"
            + $"<p>{HtmlFixtures.Paragraph1}</p><p>{HtmlFixtures.Paragraph2}</p>"
            + $"<div class=\"our-programs\"><h2><a href=\"/programs\">Our programmes</a></h2><p>{HtmlFixtures.Paragraph3}</p><div class=\"inner-list\"><ul>{cards}</ul></div></div>"
            + $"<p>{HtmlFixtures.Paragraph4}</p></div></body></html>";

        var article = Extract(html);

        Assert.Contains(HtmlFixtures.Paragraph3, article.Body);
        Assert.DoesNotContain("Programme number", article.Body, StringComparison.Ordinal);
    }

    private static string BlogPage(string title, string heading) =>
        $"<html><head>{title}</head><body><div class=\"post\">{heading}<p>{HtmlFixtures.Paragraph1}</p><p>{HtmlFixtures.Paragraph2}</p>"
        + $"<p>{HtmlFixtures.Paragraph3}</p></div></body></html>";

    private NewsPipeline.Core.Normalisation.NormalisedArticle Extract(string html)
    {
        var result = _normaliser.Normalise(Encoding.UTF8.GetBytes(html));
        Assert.True(result.IsSuccess, result.Error);
        return result.Article!;
    }
}
