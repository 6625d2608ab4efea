using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

/// <summary>Bounded cost per page (issue 10): outcomes and shapes only; how long they take is the nasty-html benchmark's.</summary>
public sealed class HtmlBoundsTests
{
    private const string Sentence = "The council met on Tuesday, and the budget was agreed after a long debate in the town hall. ";
    private static readonly string Prose = string.Concat(Enumerable.Repeat(Sentence, 8)).Trim();

    private readonly HtmlArticleNormaliser _normaliser = new();

    private static string Page(string body) =>
        "<!DOCTYPE html><html><head><title>Generated</title></head><body>" + body + "</body></html>";

    private static string Repeat(string s, int count) => new StringBuilder(s.Length * count).Insert(0, s, count).ToString();

    [Fact]
    public void DeepNesting_280kDivs_FinishesWithTheTextAndABoundedTree()
    {
        var html = Page(Repeat("<div>", 280_000) + "<p>" + Prose + "</p>" + Repeat("</div>", 280_000));

        var result = _normaliser.NormaliseHtml(html);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(Prose, result.Article!.Body);
        var scan = HtmlPreScan.Run(html.AsMemory(), CancellationToken.None);
        Assert.Null(scan.Error);
        Assert.Equal(HtmlBounds.MaxOpenElements - 2, scan.Deepest);
        var document = new HtmlParser(HtmlArticleNormaliser.ParserOptions).ParseDocument(scan.Html);
        Assert.Equal(HtmlBounds.MaxOpenElements, Depth(document.DocumentElement));
        Assert.InRange(document.All.Length, HtmlBounds.MaxOpenElements, HtmlBounds.MaxOpenElements + 10);
    }

    [Fact]
    public void DeepNesting_TextPastTheCapStaysInOrder()
    {
        var html = Page(Repeat("<div>", 2_000) + "<p>Deep. " + Prose + "</p>" + Repeat("</div>", 2_000) + "<p>After. " + Prose + "</p>");

        var body = _normaliser.NormaliseHtml(html).Article!.Body;

        Assert.Contains("Deep. ", body);
        Assert.Contains("After. ", body);
        Assert.True(body.IndexOf("Deep. ", StringComparison.Ordinal) < body.IndexOf("After. ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<span>", 100_000)]
    [InlineData("<svg><div/>", 100_000)]
    [InlineData("<div><b></div>x", 60_000)] // reopened formatting elements nest; each div is kept (a wide tree)
    [InlineData("<b><div></b>", 100_000)] // the adoption agency keeps the div open and reopens the b
    [InlineData("<table><tr><td>", 50_000)] // with the tbody the parser adds
    [InlineData("<ul><li>item ", 50_000)]
    public void DeepNesting_OtherShapes_OpenElementsStayWithinTheCap(string unit, int count)
    {
        var scan = HtmlPreScan.Run(Page(Repeat(unit, count)).AsMemory(), CancellationToken.None);

        Assert.Null(scan.Error);
        Assert.InRange(scan.Deepest, 1, HtmlBounds.MaxOpenElements);
    }

    [Fact]
    public void DeepNesting_AfterACommentEndedByBangGreaterThan_IsStillSeen()
    {
        // "--!>" ends a comment as "-->" does; reading on to the next "-->" would hide the nesting from the model.
        var scan = HtmlPreScan.Run(Page("<!-- x --!>" + Repeat("<div>", 10_000) + "text").AsMemory(), CancellationToken.None);

        Assert.Equal(HtmlBounds.MaxOpenElements - 2, scan.Deepest);
        Assert.Equal(10_000 - scan.Deepest, scan.DroppedTags);
    }

    [Fact]
    public void DeepStack_EndTagsClosingNothing_AreDropped()
    {
        var scan = HtmlPreScan.Run(Page(Repeat("<span>", 300) + Repeat("</div>", 10_000) + "text").AsMemory(), CancellationToken.None);

        Assert.Equal(10_000, scan.DroppedTags);
    }

    [Fact]
    public void ElementCap_RejectsNamingTheCap()
    {
        var html = Page("<p>" + Prose + Repeat("<span>a</span>", HtmlBounds.MaxElements) + "</p>");

        var result = _normaliser.NormaliseHtml(html);

        Assert.False(result.IsSuccess);
        Assert.Equal("page has more than 100,000 elements (cap)", result.Error);
    }

    [Fact]
    public void ElementCap_CountsTheElementsTheParserMakesUnasked()
    {
        // Each stray </p> makes an empty p: megabytes of them would be a huge DOM from no start tag at all.
        var result = _normaliser.NormaliseHtml(Page("<div>" + Prose + "</div>" + Repeat("</p>", HtmlBounds.MaxElements)));

        Assert.Equal("page has more than 100,000 elements (cap)", result.Error);
    }

    [Fact]
    public void Budget_AlreadyExhausted_RejectsNamingTheBudget()
    {
        var spent = new CancellationToken(canceled: true);

        var fromBytes = _normaliser.Normalise(Encoding.UTF8.GetBytes(HtmlFixtures.NewsPage()), spent);
        var fromJson = new ArticleNormaliser().Normalise("a.json", Encoding.UTF8.GetBytes("""{"html": "<p>Some text</p>"}"""), spent);

        Assert.Equal(HtmlBounds.BudgetExceeded, fromBytes.Error);
        Assert.Contains("budget", fromBytes.Error, StringComparison.Ordinal);
        Assert.Equal(HtmlBounds.BudgetExceeded, fromJson.Error);
        Assert.True(fromBytes.OverBudget);
        Assert.True(fromJson.OverBudget);
    }

    [Fact]
    public void ContentRejection_IsNotOverBudget()
    {
        var result = _normaliser.NormaliseHtml(Page("<div>" + Prose + "</div>" + Repeat("</p>", HtmlBounds.MaxElements)));

        Assert.NotNull(result.Error);
        Assert.False(result.OverBudget);
    }

    [Fact]
    public void Budget_NotExhausted_SameOutputAsWithoutOne()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var bytes = Encoding.UTF8.GetBytes(HtmlFixtures.NewsPage());

        var unbounded = _normaliser.Normalise(bytes).Article!;
        var bounded = _normaliser.Normalise(bytes, budget.Token).Article!;

        Assert.Equal(unbounded.Body, bounded.Body);
        Assert.Equal(unbounded.Title, bounded.Title);
        Assert.Equal(unbounded.Authors, bounded.Authors);
    }

    public static TheoryData<string> NormalPages() => new()
    {
        HtmlFixtures.NewsPage(),
        // Markup the pre-scan must read as the tokenizer does: '>' in quoted attributes, script and style text that
        // looks like tags, comments, unclosed paragraphs and list items, tables, SVG with self-closing elements.
        Page("""
            <div class="a>b" data-x='<div>'><p>One<p>Two<ul><li>three<li>four</ul>
            <script>var s = "<div><div><div>"; if (a < b) {}</script><style>p > a { color: red }</style>
            <!-- <div><div> --><table><tr><td>cell<td>cell</table><svg><path d="M0 0"/><g/></svg>
            <textarea><div></textarea><title><b></title><b><i>bold</b>italic</i></div></div></span></p>
            """),
    };

    [Theory]
    [MemberData(nameof(NormalPages))]
    public void PreScan_NormalPage_PassesTheTextOnUnchanged(string html)
    {
        var scan = HtmlPreScan.Run(html.AsMemory(), CancellationToken.None);

        Assert.Null(scan.Error);
        Assert.Equal(0, scan.DroppedTags);
        Assert.Equal(html, scan.Html.ToString());
        Assert.InRange(scan.Deepest, 1, 20);
    }

    [Fact]
    public void PreScan_NormalPage_SameExtractionAsAngleSharpAlone()
    {
        var html = HtmlFixtures.NewsPage();
        var document = new HtmlParser(HtmlArticleNormaliser.ParserOptions).ParseDocument(html);
        var scanned = new HtmlParser(HtmlArticleNormaliser.ParserOptions).ParseDocument(HtmlPreScan.Run(html.AsMemory(), CancellationToken.None).Html);

        Assert.Equal(document.DocumentElement.OuterHtml, scanned.DocumentElement.OuterHtml);
    }

    private static int Depth(IElement root)
    {
        var deepest = 0;
        var pending = new Stack<(IElement Element, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (element, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in element.Children)
                pending.Push((child, depth + 1));
        }
        return deepest;
    }
}
