using System.Text;
using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Renders the chosen containers as paragraphs (one per block element, list item, table row or double line break),
/// dropping, inside the article, the boxes Readability's conditional cleaning drops: link lists, image galleries,
/// forms and short fragments.
/// </summary>
internal sealed class ParagraphWriter
{
    private readonly PageAnalysis _analysis;
    private readonly IReadOnlyDictionary<IElement, double> _scores;
    private readonly List<string> _paragraphs = [];
    private readonly StringBuilder _current = new();
    private int _rootText;

    private ParagraphWriter(PageAnalysis analysis, IReadOnlyDictionary<IElement, double> scores)
    {
        _analysis = analysis;
        _scores = scores;
    }

    public static List<string> Write(IEnumerable<IElement> elements, PageAnalysis analysis, IReadOnlyDictionary<IElement, double> scores)
    {
        var writer = new ParagraphWriter(analysis, scores);
        foreach (var element in elements)
        {
            writer._rootText = analysis.StatsOf(element).Text;
            // Looked up once per root, then carried down: Closest per element is a walk to the top of the tree.
            writer.WriteElement(element, isRoot: true, inFigure: element.ParentElement?.Closest("figure") is not null);
            writer.Flush();
        }
        return writer._paragraphs;
    }

    private void WriteElement(IElement element, bool isRoot, bool inFigure)
    {
        if (!_analysis.IsKept(element))
            return;
        var tag = element.LocalName;
        if (tag == "br")
        {
            Flush();
            return;
        }
        inFigure |= tag == "figure";
        if (!isRoot && tag is "h1" or "header")
            return;
        if (!isRoot && ShouldDrop(element, tag, inFigure))
        {
            WriteProseChildren(element, inFigure);
            return;
        }
        var block = HtmlTags.IsBlock(tag);
        if (block) Flush();
        // Indexing ChildNodes: AngleSharp's NextSibling searches the parent's child list (quadratic walks).
        var children = element.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            var node = children[i];
            if (node is IElement child)
                WriteElement(child, isRoot: false, inFigure);
            else if (node.NodeType == NodeType.Text)
                _current.Append(node.TextContent);
        }
        if (block) Flush();
        else if (tag is "td" or "th") _current.Append(' ');
    }

    /// <summary>
    /// A box dropped for what else it holds (a grid of image links, a gallery) may still open with a paragraph of
    /// prose, link-free, of its own: that paragraph is the article's, the rest goes.
    /// </summary>
    private void WriteProseChildren(IElement element, bool inFigure)
    {
        // Not from furniture by name, nor from a video box (its paragraph is the video's caption).
        if (BoilerplatePatterns.ClassWeight(element) < 0 || _analysis.StatsOf(element).Embeds > 0)
            return;
        var children = element.Children;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (child.LocalName != "p" || !_analysis.IsKept(child))
                continue;
            var stats = _analysis.StatsOf(child);
            if (stats.Text >= 80 && stats.LinkText == 0)
                WriteElement(child, isRoot: false, inFigure);
        }
    }

    /// <summary>Readability's conditional cleaning, applied to boxes inside the article container.</summary>
    private bool ShouldDrop(IElement element, string tag, bool inFigure)
    {
        if (tag is not ("div" or "section" or "ul" or "ol" or "table" or "form" or "fieldset" or "figure" or "dl"))
            return false;
        var stats = _analysis.StatsOf(element);
        // A wrapper holding most of the article is the article, whatever its class says ("widget-container").
        if (stats.Text > 0.5 * _rootText && stats.LinkDensity < 0.3)
            return false;
        var weight = BoilerplatePatterns.ClassWeight(element);
        var score = _scores.TryGetValue(element, out var s) ? s : 0;
        if (weight + score < 0 && !(weight >= 0 && IsTextList(stats)))
            return true;
        if (stats.Commas >= 10)
            return false;
        var isList = tag is "ul" or "ol" || (stats.ListItems > 0 && stats.Text > 0 && IsMostlyList(element));
        var linkDensity = stats.LinkDensity;
        // An image gallery; a list of steps, each with its photo, is none: its items carry text of their own.
        if (stats.Images > 1 && (double)stats.Paragraphs / stats.Images < 0.5 && !inFigure
            && !(isList && IsTextList(stats) && stats.Text >= TextPerListImage * stats.Images))
            return true;
        if (!isList && stats.ListItems - 100 > stats.Paragraphs)
            return true;
        if (stats.Inputs > stats.Paragraphs / 3)
            return true;
        // A short box is a fragment (a label, a counter) unless it wraps a paragraph: page builders put each
        // paragraph, a bold one-line subheading ("1. Choose the Right Pot") too, in a box of its own.
        if (!isList && stats.Text < 25 && stats.Paragraphs == 0 && (stats.Images == 0 || stats.Images > 2) && !inFigure)
            return true;
        if (!isList && weight < 25 && linkDensity > 0.2)
            return true;
        if (weight >= 25 && linkDensity > 0.5)
            return true;
        if (isList && linkDensity > 0.5)
            return true;
        return (stats.Embeds == 1 && stats.Text < 75) || stats.Embeds > 1;
    }

    /// <summary>
    /// Lists start with a negative score (Readability's), which drops them when their items vote little; but a list
    /// without a single link (a recipe's ingredients) or of paragraph-long items with few links (numbered
    /// instructions) is part of the text, not navigation.
    /// </summary>
    private static bool IsTextList(BlockStats stats) =>
        stats.ListItems > 0 && (stats.LinkText == 0 || (stats.Text >= ProseItemChars * stats.ListItems && stats.LinkDensity < 0.1));

    private const int ProseItemChars = 100;
    private const int TextPerListImage = 50;

    private bool IsMostlyList(IElement element)
    {
        // Items that are children or grandchildren; only those two levels, not every li below (nested lists would
        // make that quadratic).
        var listText = 0;
        foreach (var child in element.Children)
        {
            if (child.LocalName == "li")
                listText += _analysis.StatsOf(child).Text;
            foreach (var grandchild in child.Children)
                if (grandchild.LocalName == "li")
                    listText += _analysis.StatsOf(grandchild).Text;
        }
        return listText > 0.9 * _analysis.StatsOf(element).Text;
    }

    private void Flush()
    {
        if (_current.Length == 0)
            return;
        var paragraph = Normalisation.TextHygiene.CleanParagraph(_current.ToString());
        _current.Clear();
        if (paragraph.Length > 0 && !BoilerplatePatterns.IsBoilerplateParagraph(paragraph))
            _paragraphs.Add(paragraph);
    }
}
