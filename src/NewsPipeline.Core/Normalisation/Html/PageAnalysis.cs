using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// One pass over the DOM: decides which elements are furniture (skipped from then on), and records per element the
/// statistics the scorer and the cleaner need, so no later step re-reads text.
/// </summary>
internal sealed class PageAnalysis
{
    private readonly Dictionary<IElement, BlockStats> _stats = new(ReferenceEqualityComparer.Instance);
    private readonly List<ScorableText> _scorable = [];
    private readonly bool _strict;
    private readonly CancellationToken _budget;

    private PageAnalysis(bool strict, CancellationToken budget)
    {
        _strict = strict;
        _budget = budget;
    }

    /// <summary>
    /// Paragraph-like text: p, pre, td, divs without block children, and text written loose inside a container that
    /// also has block children (the container is then the paragraph's parent, as if the run were wrapped in a p).
    /// </summary>
    public IReadOnlyList<ScorableText> Scorable => _scorable;

    /// <summary>Analyses the page. Strict mode also skips elements whose class/id names furniture.</summary>
    public static PageAnalysis Run(IElement root, bool strict, CancellationToken budget)
    {
        var analysis = new PageAnalysis(strict, budget);
        analysis.Visit(root, inLink: false, out _);
        return analysis;
    }

    /// <summary>False for furniture and everything inside it.</summary>
    public bool IsKept(IElement element) => _stats.ContainsKey(element);

    public BlockStats StatsOf(IElement element) => _stats.TryGetValue(element, out var s) ? s : default;

    private BlockStats Visit(IElement element, bool inLink, out bool isBlock)
    {
        _budget.ThrowIfCancellationRequested();
        var tag = element.LocalName;
        isBlock = HtmlTags.IsBlock(tag);
        var stats = new BlockStats();
        switch (tag)
        {
            case "p": stats.Paragraphs = 1; break;
            case "img": stats.Images = 1; break;
            case "li": stats.ListItems = 1; break;
            case "a": inLink = true; break;
        }

        var hasBlockChild = false;
        int looseText = 0, looseCommas = 0;
        // Indexing ChildNodes, not NextSibling: AngleSharp finds a node's sibling by searching the parent's child
        // list, so a sibling walk is quadratic in wide elements.
        var children = element.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            var node = children[i];
            if (node is IElement child)
            {
                if (!Keep(child, out var counts))
                {
                    stats.Inputs += counts.Inputs;
                    stats.Embeds += counts.Embeds;
                    continue;
                }
                var childStats = Visit(child, inLink, out var childIsBlock);
                stats.Add(childStats);
                hasBlockChild |= childIsBlock;
                if (!childIsBlock)
                {
                    looseText += childStats.Text - childStats.LinkText;
                    looseCommas += childStats.Commas;
                }
            }
            else if (node.NodeType == NodeType.Text)
            {
                var data = node.TextContent;
                var length = CollapsedLength(data);
                stats.Text += length;
                if (inLink) stats.LinkText += length;
                var commas = CountCommas(data);
                stats.Commas += commas;
                if (!inLink)
                {
                    looseText += length;
                    looseCommas += commas;
                }
            }
        }

        // Readability turns divs without block children into paragraphs; count them as such for the cleaner too.
        // List items do not vote (as in Readability): a list of short items would push its own list's score negative.
        var isTextLeaf = tag is "div" or "section" or "article" or "blockquote" && !hasBlockChild;
        if (isTextLeaf && stats.Text >= 25)
            stats.Paragraphs++;
        _stats[element] = stats;
        if (stats.Text >= 25 && (tag is "p" or "pre" or "td" || isTextLeaf))
            _scorable.Add(new ScorableText(element.ParentElement, stats.Text, stats.Commas));
        else if (hasBlockChild && looseText >= 25 && tag is not ("body" or "html"))
            _scorable.Add(new ScorableText(element, looseText, looseCommas));
        return stats;
    }

    /// <summary>Decides whether an element is skipped; counts form inputs and embeds even when it is.</summary>
    private bool Keep(IElement element, out BlockStats counts)
    {
        counts = default;
        var tag = element.LocalName;
        if (BoilerplatePatterns.IsJunkTag(tag))
        {
            // Form fields, as Readability counts them: a box with many is a form. Buttons are not: modern articles
            // carry vote, copy, share and "show more" buttons beside the text.
            if (tag is "input" or "textarea" or "select") counts.Inputs = 1;
            if (tag is "iframe" or "embed" or "object" or "video" or "audio") counts.Embeds = 1;
            return false;
        }
        if (BoilerplatePatterns.IsHidden(element) || BoilerplatePatterns.IsJunkRole(element.GetAttribute("role")))
            return false;
        if (_strict && tag is not ("body" or "article" or "main" or "a" or "table" or "tbody" or "tr" or "td" or "p")
            && BoilerplatePatterns.IsUnlikelyCandidate(element) && !IsLeadDateline(element, tag))
            return false;
        return true;
    }

    /// <summary>
    /// "KOBE – " in <c>&lt;p&gt;&lt;span class="dateline"&gt;</c>: a dateline written inline at the start of a paragraph is the
    /// lead's first words, not a date box (a block with that class still goes).
    /// </summary>
    private static bool IsLeadDateline(IElement element, string tag) =>
        tag is "span" or "strong" or "b" or "em"
        && element.ParentElement is { LocalName: "p" }
        && element.GetAttribute("class") is { } cls && cls.Contains("dateline", StringComparison.OrdinalIgnoreCase);

    /// <summary>A paragraph's vote: its text length and commas, given first to FirstVoter then its ancestors.</summary>
    internal readonly record struct ScorableText(IElement? FirstVoter, int Text, int Commas);

    private static int CollapsedLength(string text)
    {
        var length = 0;
        var inSpace = true;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace) length++;
                inSpace = true;
            }
            else
            {
                length++;
                inSpace = false;
            }
        }
        return length;
    }

    private static int CountCommas(string text)
    {
        var count = 0;
        foreach (var c in text)
            if (c is ',' or '，' or '、' or '،') count++;
        return count;
    }
}
