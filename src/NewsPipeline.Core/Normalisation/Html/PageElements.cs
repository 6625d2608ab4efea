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
    public IElement? Byline { get; private set; }
    public IElement? DatePublished { get; private set; }

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
                    && element.GetAttribute("href") is { Length: > 0 } href)
                    Canonical = href.Trim();
                return;
            case "h1":
                Headings.Add(element);
                break;
            case "h2":
                SubHeadings.Add(element);
                break;
            case "time":
                Times.Add(element);
                break;
        }
        var itemprop = element.GetAttribute("itemprop");
        if (DatePublished is null && string.Equals(itemprop, "datePublished", StringComparison.OrdinalIgnoreCase))
            DatePublished = element;
        if (Byline is null && IsBylineElement(element, itemprop))
            Byline = element;
    }

    private static bool IsBylineElement(IElement element, string? itemprop)
    {
        if (string.Equals(itemprop, "author", StringComparison.OrdinalIgnoreCase)
            || string.Equals(element.GetAttribute("rel"), "author", StringComparison.OrdinalIgnoreCase))
            return true;
        var cls = element.GetAttribute("class");
        // The substring test first: ClassList splits the attribute into a new token list on every call.
        return cls is not null && (cls.Contains("byline", StringComparison.OrdinalIgnoreCase)
            || (cls.Contains("author", StringComparison.Ordinal) && element.ClassList.Contains("author")));
    }
}
