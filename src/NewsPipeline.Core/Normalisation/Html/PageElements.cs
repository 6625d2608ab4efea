using System.Buffers;
using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// The elements metadata comes from, gathered in one walk of the tree (each GetElementsByTagName or QuerySelector
/// would walk the whole page again).
/// </summary>
internal sealed class PageElements
{
    public List<IElement> Metas { get; } = [];
    public List<IElement> JsonLdScripts { get; } = [];
    public List<IElement> Headings { get; } = [];
    /// <summary>h2s: a blog without a post h1 puts the post title in an h2.</summary>
    public List<IElement> SubHeadings { get; } = [];
    public List<IElement> Times { get; } = [];
    public string? Canonical { get; private set; }
    public IElement? DatePublished { get; private set; }

    /// <summary>Elements that may hold a visible byline (itemprop/rel author, byline or author classes, author-page links), in page order.</summary>
    public List<IElement> BylineCandidates { get; } = [];

    /// <summary>Elements whose class says they show a date (date, time, publish, posted), in page order.</summary>
    public List<IElement> DateCandidates { get; } = [];

    /// <summary>The itemprop="publisher" element: its itemprop="name" child names the site (microdata pages).</summary>
    public IElement? ItempropPublisher { get; private set; }

    /// <summary>The itemprop="author" element: its itemprop="name" child names the author.</summary>
    public IElement? ItempropAuthor { get; private set; }

    /// <summary>Where each collected element stands in page order, to find what follows the headline.</summary>
    public Dictionary<IElement, int> Order { get; } = [];

    private const int MaxCandidates = 40;
    private int _position;

    public static PageElements Collect(IDocument document, CancellationToken budget)
    {
        var found = new PageElements();
        found.Walk(document.DocumentElement, budget);
        return found;
    }

    private void Walk(IElement element, CancellationToken budget)
    {
        budget.ThrowIfCancellationRequested();
        // Indexing ChildNodes, not NextElementSibling: AngleSharp finds a node's sibling by searching the parent's
        // child list, so sibling walks are quadratic in wide elements (a body of 2,000 paragraphs).
        var children = element.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            if (children[i] is not IElement child)
                continue;
            Inspect(child);
            Walk(child, budget);
        }
    }

    private void Inspect(IElement element)
    {
        _position++;
        switch (element.LocalName)
        {
            case "meta":
                Metas.Add(element);
                return;
            case "script":
                if (element.GetAttribute("type") is { } type && type.Contains("ld+json", StringComparison.OrdinalIgnoreCase))
                    JsonLdScripts.Add(element);
                return;
            case "link":
                if (Canonical is null && string.Equals(element.GetAttribute("rel"), "canonical", StringComparison.OrdinalIgnoreCase)
                    && element.GetAttribute("href") is { Length: > 0 } canonical)
                    Canonical = canonical.Trim();
                return;
            case "h1":
                Headings.Add(element);
                Order[element] = _position;
                break;
            case "h2":
                SubHeadings.Add(element);
                break;
            case "time":
                Times.Add(element);
                Order[element] = _position;
                break;
            default:
                // Custom elements that render a datetime attribute for readers (<relative-time>, <time-ago>, <local-time>).
                if (element.LocalName.Contains('-', StringComparison.Ordinal) && element.HasAttribute("datetime"))
                {
                    Times.Add(element);
                    Order[element] = _position;
                }
                break;
        }
        // One pass over the attributes: GetAttribute lower-cases the name and searches the list on each call, and this
        // runs on every element of the page. The first of a repeated name wins, as with GetAttribute.
        string? itemprop = null, rel = null, cls = null, href = null;
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Length; i++)
        {
            var attribute = attributes[i]!;
            switch (attribute.Name)
            {
                case "itemprop":
                    itemprop ??= attribute.Value;
                    break;
                case "rel":
                    rel ??= attribute.Value;
                    break;
                case "class":
                    cls ??= attribute.Value;
                    break;
                case "href":
                    href ??= attribute.Value;
                    break;
            }
        }
        if (itemprop is not null)
        {
            if (DatePublished is null && itemprop.Equals("datePublished", StringComparison.OrdinalIgnoreCase))
                DatePublished = element;
            if (ItempropAuthor is null && itemprop.Equals("author", StringComparison.OrdinalIgnoreCase))
                ItempropAuthor = element;
            if (ItempropPublisher is null && itemprop.Equals("publisher", StringComparison.OrdinalIgnoreCase))
                ItempropPublisher = element;
        }
        if (BylineCandidates.Count < MaxCandidates && IsBylineElement(element, itemprop, rel, cls, href))
        {
            BylineCandidates.Add(element);
            Order[element] = _position;
        }
        else if (DateCandidates.Count < MaxCandidates && cls is not null && cls.AsSpan().ContainsAny(DateClassWords))
        {
            DateCandidates.Add(element);
            Order[element] = _position;
        }
    }

    private static bool IsBylineElement(IElement element, string? itemprop, string? rel, string? cls, string? href)
    {
        if (string.Equals(itemprop, "author", StringComparison.OrdinalIgnoreCase) || string.Equals(rel, "author", StringComparison.OrdinalIgnoreCase))
            return true;
        if (cls is not null && cls.AsSpan().ContainsAny(BylineClassWords))
            return true;
        // A link to the writer's page: /author/jane-doe, /by/jane-doe, /staff/jane-doe, /profile/…
        return href is not null && element.LocalName == "a" && AuthorPath(href);
    }

    private static bool AuthorPath(string href)
    {
        // Most links name no author segment at all: one search for any of them settles those.
        if (!href.AsSpan().ContainsAny(AuthorSegmentValues))
            return false;
        foreach (var segment in AuthorSegments)
        {
            var at = href.IndexOf(segment, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && at + segment.Length < href.Length)
                return true;
        }
        return false;
    }

    private static readonly string[] AuthorSegments = ["/author/", "/authors/", "/by/", "/staff/", "/people/", "/profile/", "/profiles/", "/writers/", "/journalist/", "/contributors/", "/editors/", "/autor/", "/auteur/"];
    private static readonly SearchValues<string> AuthorSegmentValues = SearchValues.Create(AuthorSegments, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> BylineClassWords = SearchValues.Create(["byline", "author", "writer"], StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> DateClassWords = SearchValues.Create(["date", "time", "publish", "posted"], StringComparison.OrdinalIgnoreCase);
}
