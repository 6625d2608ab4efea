using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Finds the article container the way Readability does: each paragraph votes for its ancestors (more text and
/// commas = more votes, nearer ancestors get more), votes are discounted by link density, the best container wins,
/// and siblings that look like more of the same article join it.
/// </summary>
internal static partial class ContentLocator
{
    private const int AncestorLevels = 5;
    private const int TopCandidates = 5;

    public sealed record Located(IReadOnlyList<IElement> Elements, IReadOnlyDictionary<IElement, double> Scores);

    public static Located Locate(IElement body, PageAnalysis analysis, CancellationToken budget)
    {
        var scores = ScoreCandidates(analysis);
        if (scores.Count == 0)
            return new Located([body], scores);

        var ranked = scores.OrderByDescending(kv => kv.Value).Take(TopCandidates).ToList();
        var top = ranked[0].Key;
        // Paragraphs written straight into <body>: the whole body is the article; never climb above the analysed root.
        if (top == body || !body.Contains(top))
            return new Located([body], scores);
        top = PreferSharedAncestor(top, ranked, body);
        top = ClimbWhileParentScoresHigher(top, scores, body);
        top = WholeTable(top, body);
        while (top.ParentElement is { } parent && parent != body && CountKeptChildren(parent, analysis) == 1)
            top = parent;

        return new Located(AddTwins(top, CollectSiblings(top, scores, analysis), analysis, body, budget), scores);
    }

    private static Dictionary<IElement, double> ScoreCandidates(PageAnalysis analysis)
    {
        var scores = new Dictionary<IElement, double>(ReferenceEqualityComparer.Instance);
        foreach (var block in analysis.Scorable)
        {
            var score = 1.0 + block.Commas + Math.Min(block.Text / 100, 3);
            var ancestor = block.FirstVoter;
            for (var level = 0; level < AncestorLevels && ancestor is not null && ancestor.LocalName != "html"; level++)
            {
                if (!scores.TryGetValue(ancestor, out var current))
                    current = HtmlTags.BaseScore(ancestor.LocalName) + BoilerplatePatterns.ClassWeight(ancestor);
                var divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores[ancestor] = current + score / divider;
                ancestor = ancestor.ParentElement;
            }
        }
        foreach (var element in scores.Keys.ToList())
            scores[element] *= 1 - analysis.StatsOf(element).LinkDensity;
        return scores;
    }

    /// <summary>When several near-top candidates share an ancestor, the article is that ancestor (split bodies).</summary>
    private static IElement PreferSharedAncestor(IElement top, List<KeyValuePair<IElement, double>> ranked, IElement body)
    {
        var topScore = ranked[0].Value;
        var alternatives = ranked.Skip(1).Where(kv => kv.Value >= 0.75 * topScore).Select(kv => kv.Key).ToList();
        if (alternatives.Count < 3)
            return top;
        for (var parent = top.ParentElement; parent is not null && parent != body; parent = parent.ParentElement)
        {
            var containing = alternatives.Count(a => parent.Contains(a));
            if (containing >= 3)
                return parent;
        }
        return top;
    }

    /// <summary>
    /// Cells vote for their row, so a row (or row group) can win; but a row is never an article on its own: it is
    /// part of a table (signatories under a letter, a comparison under a review) whose siblings hold the prose.
    /// A winning cell is a layout column and stays.
    /// </summary>
    private static IElement WholeTable(IElement top, IElement body)
    {
        if (top.LocalName is not ("tr" or "tbody" or "thead" or "tfoot"))
            return top;
        for (var parent = top.ParentElement; parent is not null && parent != body; parent = parent.ParentElement)
            if (parent.LocalName == "table")
                return parent;
        return top;
    }

    private static IElement ClimbWhileParentScoresHigher(IElement top, Dictionary<IElement, double> scores, IElement body)
    {
        // A shared ancestor chosen above may hold no votes of its own; it is then final.
        if (!scores.TryGetValue(top, out var lastScore))
            return top;
        var threshold = lastScore / 3;
        for (var parent = top.ParentElement; parent is not null && parent != body; parent = parent.ParentElement)
        {
            if (!scores.TryGetValue(parent, out var parentScore))
                continue;
            if (parentScore < threshold)
                break;
            if (parentScore > lastScore)
                return parent;
            lastScore = parentScore;
        }
        return top;
    }

    private static List<IElement> CollectSiblings(IElement top, Dictionary<IElement, double> scores, PageAnalysis analysis)
    {
        var parent = top.ParentElement;
        if (parent is null)
            return [top];
        var topScore = scores.GetValueOrDefault(top);
        var threshold = Math.Max(10, topScore * 0.2);
        var topClass = top.GetAttribute("class");
        var result = new List<IElement>();
        foreach (var sibling in parent.Children)
        {
            if (sibling == top)
            {
                result.Add(sibling);
                continue;
            }
            if (!analysis.IsKept(sibling))
                continue;
            var bonus = !string.IsNullOrEmpty(topClass) && sibling.GetAttribute("class") == topClass ? topScore * 0.2 : 0;
            if (scores.TryGetValue(sibling, out var score) && score + bonus >= threshold)
            {
                result.Add(sibling);
                continue;
            }
            if (sibling.LocalName != "p")
                continue;
            var stats = analysis.StatsOf(sibling);
            if (stats.Text > 80 && stats.LinkDensity < 0.25)
                result.Add(sibling);
            else if (stats.Text is > 0 and <= 80 && stats.LinkText == 0 && SentenceEnd().IsMatch(sibling.TextContent))
                result.Add(sibling);
        }
        return result;
    }

    /// <summary>
    /// Q&amp;A pages and page builders repeat one text-box markup for every part of the text (the question and each
    /// answer, each text widget): boxes elsewhere on the page with the winning container's exact tag and class that
    /// hold prose, not links, are more of the article. They join in document order.
    /// </summary>
    private static List<IElement> AddTwins(IElement top, List<IElement> chosen, PageAnalysis analysis, IElement body, CancellationToken budget)
    {
        var cls = top.GetAttribute("class");
        if (string.IsNullOrWhiteSpace(cls) || top == body || !HasWordWithoutDigit(cls))
            return chosen;
        List<IElement>? twins = null;
        HashSet<IElement>? chosenSet = null, chosenAndAncestors = null;
        foreach (var candidate in KeptWithSameMarkup(body, top.LocalName, cls, analysis, budget))
        {
            if (candidate == top)
                continue;
            var stats = analysis.StatsOf(candidate);
            if (stats.Text - stats.LinkText < TwinMinText || stats.LinkDensity >= 0.25)
                continue;
            if (chosenSet is null)
                (chosenSet, chosenAndAncestors) = Overlaps(chosen);
            // Twins come in document order and none holds another, so only the last can hold a later candidate.
            if (OverlapsChosen(candidate, chosenSet, chosenAndAncestors!) || twins?[^1].Contains(candidate) == true)
                continue;
            (twins ??= []).Add(candidate);
        }
        if (twins is null)
            return chosen;
        var all = new List<IElement>(chosen);
        all.AddRange(twins);
        all.Sort(static (a, b) => a == b ? 0 : (a.CompareDocumentPosition(b) & DocumentPositions.Following) != 0 ? -1 : 1);
        return all;
    }

    private const int TwinMinText = 100;

    /// <summary>
    /// The chosen elements, and they with all their ancestors: a candidate lies inside a chosen element when one of
    /// its ancestors (or itself) is chosen, and holds one when it is itself among the second set. Set lookups, where
    /// testing Contains against every chosen element is quadratic on pages of thousands of boxes.
    /// </summary>
    private static (HashSet<IElement> Chosen, HashSet<IElement> ChosenAndAncestors) Overlaps(List<IElement> chosen)
    {
        var set = new HashSet<IElement>(chosen, ReferenceEqualityComparer.Instance);
        var withAncestors = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var element in chosen)
        {
            // An element already in the set has its ancestors there too.
            var e = element;
            while (e is not null && withAncestors.Add(e))
                e = e.ParentElement;
        }
        return (set, withAncestors);
    }

    private static bool OverlapsChosen(IElement candidate, HashSet<IElement> chosen, HashSet<IElement> chosenAndAncestors)
    {
        if (chosenAndAncestors.Contains(candidate))
            return true;
        for (var e = candidate.ParentElement; e is not null; e = e.ParentElement)
            if (chosen.Contains(e))
                return true;
        return false;
    }

    /// <summary>
    /// Kept elements with this tag and exactly this class attribute, in document order. A walk of our own: furniture
    /// subtrees are skipped whole, and AngleSharp's class lookup would split every class attribute on the page.
    /// </summary>
    private static IEnumerable<IElement> KeptWithSameMarkup(IElement root, string tag, string cls, PageAnalysis analysis, CancellationToken budget)
    {
        var pending = new Stack<IElement>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            budget.ThrowIfCancellationRequested();
            var element = pending.Pop();
            if (element != root && element.LocalName == tag && element.GetAttribute("class") is { } other && SameClassIgnoringIds(cls, other))
                yield return element;
            // Children pushed last-first so they pop in document order; indexed, as AngleSharp's sibling links search.
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
                if (children[i] is IElement child && analysis.IsKept(child))
                    pending.Push(child);
        }
    }

    /// <summary>
    /// The same class words in the same order, leaving out words with a digit: page builders give every box a
    /// per-instance class ("elementor-element-0161dc5", "post-7950") beside the ones that say what it is.
    /// Compared in place, without splitting: the twin walk tests every kept element of its tag.
    /// </summary>
    internal static bool SameClassIgnoringIds(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
            return true;
        int i = 0, j = 0;
        while (true)
        {
            var wordA = NextWordWithoutDigit(a, ref i);
            var wordB = NextWordWithoutDigit(b, ref j);
            if (wordA.IsEmpty || wordB.IsEmpty)
                return wordA.IsEmpty && wordB.IsEmpty;
            if (!wordA.SequenceEqual(wordB))
                return false;
        }
    }

    private static bool HasWordWithoutDigit(string cls)
    {
        var i = 0;
        return !NextWordWithoutDigit(cls, ref i).IsEmpty;
    }

    private static ReadOnlySpan<char> NextWordWithoutDigit(string text, ref int at)
    {
        while (at < text.Length)
        {
            while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
            var start = at;
            var digit = false;
            while (at < text.Length && !char.IsWhiteSpace(text[at]))
            {
                digit |= char.IsAsciiDigit(text[at]);
                at++;
            }
            if (at > start && !digit)
                return text.AsSpan(start, at - start);
        }
        return ReadOnlySpan<char>.Empty;
    }

    private static int CountKeptChildren(IElement parent, PageAnalysis analysis)
    {
        var count = 0;
        foreach (var child in parent.Children)
            if (analysis.IsKept(child)) count++;
        return count;
    }

    [GeneratedRegex(@"\.( |$)")]
    private static partial Regex SentenceEnd();
}
