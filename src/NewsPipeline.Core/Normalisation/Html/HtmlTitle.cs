using System.Text.RegularExpressions;
using AngleSharp.Dom;
using static NewsPipeline.Core.Normalisation.Html.HtmlSiteName;
using static NewsPipeline.Core.Normalisation.Html.HtmlText;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>The article's title, and the headline element that shows it (which anchors the byline and date search).</summary>
internal static partial class HtmlTitle
{
    /// <summary>
    /// The visible headline (h1) is what readers call the title; og:title and the document title are often shortened
    /// or carry the site name. Among several h1s (logos are h1s too) take the one sharing most words with the declared
    /// title; with none sharing a word, trust the declared title.
    /// </summary>
    internal static string? Choose(IDocument document, PageElements elements, Dictionary<string, string> meta, JsonLdArticle ld, string? source, out IElement? headline)
    {
        var title = DeclaredOrVisibleTitle(document, elements, meta, ld, source, out var best);
        // The headline element anchors the search for the byline and date; a title chosen elsewhere may still be shown in an h1.
        headline = best ?? elements.Headings.FirstOrDefault(h => title is not null && string.Equals(Clean(h.TextContent), title, StringComparison.OrdinalIgnoreCase));
        return title;
    }

    private static string? DeclaredOrVisibleTitle(IDocument document, PageElements elements, Dictionary<string, string> meta, JsonLdArticle ld, string? source, out IElement? bestElement)
    {
        var declared = Clean(Meta(meta, "og:title") ?? ld.Headline ?? Meta(meta, "twitter:title"));
        var docTitle = Clean(document.Title);
        var reference = declared ?? docTitle;
        string? best = null;
        bestElement = null;
        (int Count, double Share) bestOverlap = (0, 0);
        foreach (var h1 in elements.Headings)
        {
            var text = Clean(h1.TextContent);
            if (text is null || text.Length > 300)
                continue;
            (int Count, double Share) overlap = reference is null ? (1, 1.0) : SharedWords(text, reference);
            if (overlap.Count > bestOverlap.Count)
            {
                best = text;
                bestElement = h1;
                bestOverlap = overlap;
            }
        }
        var siteNames = SiteNames(meta, ld, source, elements.Canonical ?? Meta(meta, "og:url"));
        var stripped = reference is null ? null : StripSiteName(reference, siteNames);
        // A blog's h1 is often the blog's name, which is also one part of "Post | Blog name": another part is the title.
        if (best is not null && reference is not null && SiteHalf(reference, best, source) is { } other)
            return other;
        // A logo h1 ("WordPress.com") shares a word by chance; a rephrased headline shares several.
        if (best is null || (reference is not null && bestOverlap.Count < 2 && bestOverlap.Share <= 0.5))
        {
            bestElement = null;
            return reference is null ? stripped : VisiblePart(elements, reference) ?? SectionLabelOrNull(stripped, elements) ?? stripped;
        }
        // An h1 that puts a kicker before the declared title ("Open Progress" + headline): the declared title is the headline.
        if (stripped is not null && stripped.Length < best.Length && best.EndsWith(stripped, StringComparison.OrdinalIgnoreCase))
            return stripped;
        // An h1 that adds a subtitle in its own element after the declared title: the declared title is the headline.
        if (stripped is not null && stripped.Length < best.Length && best.StartsWith(stripped, StringComparison.OrdinalIgnoreCase)
            && bestElement!.Children.Any(c => string.Equals(Clean(c.TextContent), stripped, StringComparison.OrdinalIgnoreCase)))
            return stripped;
        // "Artist: Album", "Series: Episode" declared, with only the first part as h1: the h1 shows part of the title.
        // One colon only: "Paper: Subtitle: Journal: Vol 172" is a citation chain whose first part is the title.
        if (stripped is not null && stripped.Length > best.Length + 2 && stripped.StartsWith(best, StringComparison.OrdinalIgnoreCase)
            && stripped[best.Length] == ':' && stripped.IndexOf(':', best.Length + 1) < 0)
            return stripped;
        return best;
    }

    /// <summary>
    /// A declared title of one or two words ("Home", "About Us") names the page's place in the site menu; a
    /// phrase-long h1 on the page is then what the page is titled for readers (a logo h1 is a word or two itself).
    /// </summary>
    private static string? SectionLabelOrNull(string? stripped, PageElements elements)
    {
        // Letters only: "pix-bavaria" or "example.com" is the site's own name, not a menu label.
        if (stripped is null || WordCount(stripped) > 2 || !stripped.All(c => char.IsLetter(c) || c == ' '))
            return null;
        string? found = null;
        foreach (var h1 in elements.Headings)
        {
            var text = Clean(h1.TextContent);
            if (text is null || WordCount(text) is < 3 or > 15)
                continue;
            // Several phrase h1s (one per language, one per teaser) leave no single page title.
            if (found is not null)
                return null;
            found = text;
        }
        return found;
    }

    /// <summary>
    /// Without an agreeing h1 the page often shows the title as an h2 (blogs): an h2 that is the whole declared title
    /// or one of its separated parts is what readers see, and settles where the site name ends.
    /// </summary>
    private static string? VisiblePart(PageElements elements, string reference)
    {
        var parts = TitleSeparator().Split(reference).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        foreach (var h2 in elements.SubHeadings)
        {
            var text = Clean(h2.TextContent);
            if (text is null || text.Length > 300)
                continue;
            if (text.Equals(reference, StringComparison.OrdinalIgnoreCase))
                return text;
            if (parts.Count > 1 && parts.Any(p => p.Equals(text, StringComparison.OrdinalIgnoreCase) && WordCount(p) >= 2))
                return text;
        }
        return null;
    }

    /// <summary>
    /// The headline part of a separated declared title when the h1 is the site part: "Post | Blog name" with the
    /// blog name as h1, "Blog » Archive » Post", or "Site | Post" when the h1 is also the declared site name.
    /// </summary>
    private static string? SiteHalf(string reference, string h1, string? source)
    {
        var parts = TitleSeparator().Split(reference).Select(p => p.Trim()).ToArray();
        if (parts.Length < 2)
            return null;
        if (parts.Length > 2)
        {
            // Only the blog-name-first chain ("Blog » Archive » Post"): the post is the last part, and longer than the
            // blog's name (a headline h1 first in "Headline - Site - Slogan" is the longest part).
            return parts[0].Equals(h1, StringComparison.OrdinalIgnoreCase) && parts[^1].Length > h1.Length ? parts[^1] : null;
        }
        var (head, tail) = (parts[0], parts[1]);
        // "Opinion | Headline" with the headline as h1 is a section label before the headline, not a blog's post.
        if (tail.Equals(h1, StringComparison.OrdinalIgnoreCase) && head.Length > 0 && !(WordCount(head) <= 2 && WordCount(tail) >= 3))
            return head;
        if (head.Equals(h1, StringComparison.OrdinalIgnoreCase) && source is not null && head.Equals(source, StringComparison.OrdinalIgnoreCase) && tail.Length > 0)
            return tail;
        // "Opinion | Headline" with "Opinion" as the h1: the h1 labels the section, the other part is the headline.
        if (head.Equals(h1, StringComparison.OrdinalIgnoreCase) && WordCount(head) <= 2 && WordCount(tail) >= 3
            && (source is null || !IsSiteName(tail, [source])))
            return tail;
        return null;
    }

    /// <summary>How many of the candidate's words occur in the reference title, and what share of them.</summary>
    private static (int Count, double Share) SharedWords(string candidate, string reference)
    {
        var words = new HashSet<string>(WordPattern().Matches(reference.ToLowerInvariant()).Select(m => m.Value));
        var candidateWords = WordPattern().Matches(candidate.ToLowerInvariant());
        var shared = candidateWords.Count(m => words.Contains(m.Value));
        return (shared, candidateWords.Count == 0 ? 0 : (double)shared / candidateWords.Count);
    }

    /// <summary>
    /// "Headline | Site", "Site - Headline", "Headline：Site" lose the site part, and only when that part is the site's
    /// name (og:site_name, the JSON-LD publisher, application-name or the page's host): "Planet Money" in
    /// "Fork The Government : Planet Money" on npr.org is a show, and "Opinion" a section, so they stay.
    /// </summary>
    internal static string StripSiteName(string title, IReadOnlyCollection<string> siteNames)
    {
        if (siteNames.Count == 0)
            return title;
        var suffix = LastSeparator().Match(title);
        if (suffix.Success && suffix.Index > 0 && IsSiteName(title[(suffix.Index + suffix.Length)..], siteNames))
            return title[..suffix.Index].Trim();
        var prefix = FirstSeparator().Match(title);
        if (prefix.Success && prefix.Index + prefix.Length < title.Length && IsSiteName(title[..prefix.Index], siteNames))
            return title[(prefix.Index + prefix.Length)..].Trim();
        return title;
    }

    /// <summary>An h2 that shows the chosen title: pages without an h1 headline (mobile pages, blogs) show it so.</summary>
    internal static IElement? Shown(PageElements elements, string? title) =>
        title is null ? null : elements.SubHeadings.FirstOrDefault(h => string.Equals(Clean(h.TextContent), title, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\s+[|–—:»«•·-]\s+|\s+::\s+", RegexOptions.RightToLeft)]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
