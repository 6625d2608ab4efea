using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using static NewsPipeline.Core.Normalisation.Html.HtmlText;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>When the article was first published and last modified.</summary>
internal static partial class HtmlDates
{
    private static readonly string[] DateMetaKeys =
    [
        "article:published_time", "og:published_time", "og:article:published_time", "article:published", "datepublished",
        "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "published_at", "date_published",
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
        "citation_publication_date", "citation_date", "article.published", "originalpublicationdate", "cxenseparse:recs:publishtime",
        "pub_date", "date", "dc.date", "dcterms.date",
    ];

    private static readonly string[] ModifiedMetaKeys =
        ["article:modified_time", "og:updated_time", "og:modified_time", "datemodified", "dcterms.modified", "last-modified", "lastmod"];

    /// <summary>
    /// The publication and modification dates. A page that declares only when it was last changed was first published
    /// no later: that date is the best known date of the text shown, closer than none.
    /// </summary>
    /// <param name="headline">The element showing the title, where a date written under it is looked for.</param>
    internal static (DateTimeOffset? Published, DateTimeOffset? Modified) Read(Dictionary<string, string> meta, JsonLdArticle ld, ParselyPage? parsely,
        PageElements elements, int headlineOrder, IElement? headline, string? url)
    {
        var modified = DateText.ParseValue(ld.DateModified) ?? FirstDate(meta, ModifiedMetaKeys);
        var published = ChoosePublished(ld, meta, parsely, elements, headlineOrder, headline, url) ?? DateUnderHeadline(headline) ?? modified;
        return (published, modified);
    }

    private const int MaxDateChars = 200;

    /// <summary>
    /// The publication date, in the order publishers mean it: JSON-LD datePublished, the published-date meta tags,
    /// Parse.ly, itemprop="datePublished", a date in the URL, a date shown near the headline. When JSON-LD and the
    /// meta tags disagree on the day, the one the page shows wins.
    /// </summary>
    private static DateTimeOffset? ChoosePublished(JsonLdArticle ld, Dictionary<string, string> meta, ParselyPage? parsely,
        PageElements elements, int headlineOrder, IElement? headline, string? url)
    {
        var fromLd = DateText.ParseValue(ld.DatePublished);
        var fromMeta = FirstDate(meta, DateMetaKeys) ?? DateText.ParseValue(parsely?.PubDate);
        // The date shown is a marked-up date element, or one written plainly under the headline ("Sep 5, 2025" in a
        // bare span): looked for only when the two sources disagree, and within the headline's next 80 elements.
        if (fromLd is { } a && fromMeta is { } b && Math.Abs((a - b).TotalHours) >= 24
            && (Shows(VisibleDate(elements, headlineOrder), b, a) || Shows(DateUnderHeadline(headline), b, a)))
            return fromMeta;
        var itemprop = elements.DatePublished;
        var fromItemprop = DateText.ParseValue(itemprop?.GetAttribute("datetime") ?? itemprop?.GetAttribute("content") ?? itemprop?.GetAttribute("value"))
            ?? DateText.ParseValue(itemprop?.TextContent);
        // Without an article object, JSON-LD may only describe what the page embeds (the VideoObject of a related
        // video's card): when the page's own published-date tags or microdata name another day, they win.
        if (fromLd is { } c && !ld.DateIsArticles && (fromMeta ?? fromItemprop) is { } own && !SameDay(c, own))
            return own;
        return fromLd ?? fromMeta ?? fromItemprop
            // A date in the article's own URL is certain; a date shown on the page may belong to a teaser beside it.
            ?? UrlDate(url)
            ?? VisibleDate(elements, headlineOrder);
    }

    private static bool SameDay(DateTimeOffset a, DateTimeOffset b) => a.Date == b.Date;

    /// <summary>True when the page shows <paramref name="day"/>'s day and not <paramref name="other"/>'s.</summary>
    private static bool Shows(DateTimeOffset? shown, DateTimeOffset day, DateTimeOffset other) =>
        shown is { } s && SameDay(s, day) && !SameDay(s, other);

    private static DateTimeOffset? FirstDate(Dictionary<string, string> meta, string[] keys)
    {
        foreach (var key in keys)
            if (DateText.ParseValue(Meta(meta, key)) is { } date)
                return date;
        return null;
    }

    /// <summary>
    /// A date the page shows: a time element, or an element whose class says date/time/published, or a byline;
    /// the first after the headline, else the first before it.
    /// </summary>
    private static DateTimeOffset? VisibleDate(PageElements elements, int headlineOrder)
    {
        DateTimeOffset? before = null;
        foreach (var element in elements.Times.Concat(elements.DateCandidates).Concat(elements.BylineCandidates)
                     .OrderBy(e => elements.Order.GetValueOrDefault(e)))
        {
            // Before the headline only the first date counts: later ones there are not read.
            var after = elements.Order.GetValueOrDefault(element) >= headlineOrder;
            if (!after && before is not null)
                continue;
            // A date element that shows "2 hours ago" keeps the date itself in an attribute, a tooltip ("title") among them.
            var date = DateText.ParseValue(element.GetAttribute("datetime") ?? element.GetAttribute("data-published") ?? element.GetAttribute("content")
                ?? element.GetAttribute("title"));
            if (date is null && ShortText(element, MaxDateChars) is { } text)
                date = DateText.Find(Clean(text) ?? "");
            if (date is null)
                continue;
            if (after)
                return date;
            before = date;
        }
        return before;
    }

    private const int MaxUnderHeadlineElements = 80;
    private const int MaxUnderHeadlineLevels = 6;
    private const int MaxUnderHeadlineChars = 100;

    /// <summary>
    /// A date written in a short element between the headline and the body, where pages show it without marking it
    /// up ("December 16, 2016, 4:19 PM" in a plain div, "Published Dec 19, 2016"): the elements that follow the
    /// headline in page order, within its six nearest containers, until the first paragraph of prose or 80 elements.
    /// </summary>
    private static DateTimeOffset? DateUnderHeadline(IElement? headline)
    {
        if (headline is null)
            return null;
        var budget = MaxUnderHeadlineElements;
        var child = headline;
        for (var level = 0; level < MaxUnderHeadlineLevels && child.ParentElement is { } parent; level++, child = parent)
        {
            var children = parent.Children;
            var after = false;
            for (var i = 0; i < children.Length; i++)
            {
                if (!after)
                {
                    after = children[i] == child;
                    continue;
                }
                if (DateIn(children[i], ref budget) is var (date, stop) && (date is not null || stop))
                    return date;
            }
        }
        return null;
    }

    /// <summary>The date in the element or its descendants, or stop = true at prose or when the budget is spent.</summary>
    private static (DateTimeOffset? Date, bool Stop) DateIn(IElement element, ref int budget)
    {
        if (--budget < 0)
            return (null, true);
        if (ShortText(element, MaxUnderHeadlineChars) is { } text)
        {
            if (Clean(text) is { } clean && DateText.Find(clean) is { } date)
                return (date, true);
        }
        // The article's first paragraph: whatever date follows belongs to the text or to what comes after it.
        else if (element.LocalName == "p")
            return (null, true);
        // Short text joins its children's text without spaces ("Jane DoeDecember 16, 2016"): their own texts may read.
        var children = element.Children;
        for (var i = 0; i < children.Length; i++)
            if (DateIn(children[i], ref budget) is var found && (found.Date is not null || found.Stop))
                return found;
        return (null, false);
    }

    /// <summary>/2016/12/09/ or -20200113 in the article's URL.</summary>
    private static DateTimeOffset? UrlDate(string? url)
    {
        if (url is null || UrlDatePattern().Match(url) is not { Success: true } match)
            return null;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (year is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
    }

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})/(?<m>[01]?\d)/(?<d>[0-3]?\d)(?:/|$)|[-/_](?<y>20\d{2})(?<m>[01]\d)(?<d>[0-3]\d)(?:[-/_.]|$)|/(?<y>20\d{2})-(?<m>[01]\d)-(?<d>[0-3]\d)(?:[-/_]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDatePattern();
}
