using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Reads title, authors, date, site name, canonical URL and language. Sources in order of trust: JSON-LD and
/// OpenGraph/article meta (written for machines), then markup conventions (h1, rel=author, time), then the
/// document title.
/// </summary>
internal static partial class HtmlMetadataReader
{
    private static readonly string[] DateMetaKeys =
    [
        "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "pubdate",
        "publishdate", "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.date",
        "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "published_time", "originalpublicationdate",
    ];

    public static HtmlMetadata Read(IDocument document, CancellationToken budget)
    {
        var elements = PageElements.Collect(document, budget);
        var meta = ReadMetaTags(elements);
        var ld = new JsonLdArticle();
        foreach (var script in elements.JsonLdScripts)
            ld.Add(script.TextContent);

        var source = Clean(Meta(meta, "og:site_name") ?? ld.Publisher ?? Meta(meta, "application-name") ?? Meta(meta, "twitter:site")?.TrimStart('@'));
        var title = ChooseTitle(document, elements, meta, ld, source);
        var authors = ld.Authors.Select(Clean).OfType<string>().ToList();
        if (authors.Count == 0)
            authors = AuthorsFromMeta(meta);
        var byline = Clean(elements.Byline?.TextContent) is { Length: > 2 and < 120 } found ? found : null;
        if (authors.Count == 0 && byline is not null)
            authors = AuthorsFromByline(byline);
        var url = elements.Canonical ?? Meta(meta, "og:url") ?? ld.Url;
        var published = ParseDate(ld.DatePublished) ?? DateKeysFirst(meta) ?? TimeElement(elements);
        var language = LanguageTag(document.DocumentElement.GetAttribute("lang") ?? Meta(meta, "content-language")
            ?? Meta(meta, "og:locale") ?? ld.Language);
        return new HtmlMetadata(title, byline, authors, source, url, published, language, ld.ArticleBody);
    }

    private static Dictionary<string, string> ReadMetaTags(PageElements elements)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in elements.Metas)
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name")
                ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            var content = element.GetAttribute("content");
            if (key is null || string.IsNullOrWhiteSpace(content))
                continue;
            meta.TryAdd(key.Trim(), content.Trim());
        }
        return meta;
    }

    private static string? Meta(Dictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// The visible headline (h1) is what readers call the title; og:title and the document title are often shortened
    /// or carry the site name. Among several h1s (logos are h1s too) take the one sharing most words with the declared
    /// title; with none sharing a word, trust the declared title.
    /// </summary>
    private static string? ChooseTitle(IDocument document, PageElements elements, Dictionary<string, string> meta, JsonLdArticle ld, string? source)
    {
        var declared = Clean(Meta(meta, "og:title") ?? ld.Headline ?? Meta(meta, "twitter:title"));
        var docTitle = Clean(document.Title);
        var reference = declared ?? docTitle;
        string? best = null;
        IElement? bestElement = null;
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
        var stripped = reference is null ? null : StripSiteName(reference, source);
        // A blog's h1 is often the blog's name, which is also one part of "Post | Blog name": another part is the title.
        if (best is not null && reference is not null && SiteHalf(reference, best, source) is { } other)
            return other;
        // A logo h1 ("WordPress.com") shares a word by chance; a rephrased headline shares several.
        if (best is null || (reference is not null && bestOverlap.Count < 2 && bestOverlap.Share <= 0.5))
            return reference is null ? stripped : VisiblePart(elements, reference) ?? SectionLabelOrNull(stripped, elements) ?? stripped;
        // An h1 that puts a kicker before the declared title ("Open Progress" + headline): the declared title is the headline.
        if (stripped is not null && stripped.Length < best.Length && best.EndsWith(stripped, StringComparison.OrdinalIgnoreCase))
            return stripped;
        // An h1 that adds a subtitle in its own element after the declared title: the declared title is the headline.
        if (stripped is not null && stripped.Length < best.Length && best.StartsWith(stripped, StringComparison.OrdinalIgnoreCase)
            && bestElement!.Children.Any(c => string.Equals(Clean(c.TextContent), stripped, StringComparison.OrdinalIgnoreCase)))
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
        if (tail.Equals(h1, StringComparison.OrdinalIgnoreCase) && head.Length > 0)
            return head;
        if (head.Equals(h1, StringComparison.OrdinalIgnoreCase) && source is not null && head.Equals(source, StringComparison.OrdinalIgnoreCase) && tail.Length > 0)
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

    /// <summary>"Headline | Site" and "Headline - Site" lose the site part; the headline itself may contain dashes.</summary>
    internal static string StripSiteName(string title, string? source)
    {
        // "Local News | Headline": a one- or two-word section label in front.
        var pipe = title.IndexOf(" | ", StringComparison.Ordinal);
        if (pipe > 0 && WordCount(title[..pipe]) <= 2 && WordCount(title[(pipe + 3)..]) >= 4)
            title = title[(pipe + 3)..].Trim();
        var match = TitleSeparator().Match(title);
        if (!match.Success)
            return title;
        var head = title[..match.Index].Trim();
        var tail = title[(match.Index + match.Length)..].Trim();
        if (source is not null && head.Equals(source, StringComparison.OrdinalIgnoreCase) && tail.Length > 0)
            return tail;
        var tailIsSite = (source is not null && (tail.Contains(source, StringComparison.OrdinalIgnoreCase) || source.Contains(tail, StringComparison.OrdinalIgnoreCase)))
            || WordCount(tail) <= 4 && WordCount(head) >= 3;
        return tailIsSite && head.Length > 0 ? head : title;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static List<string> AuthorsFromMeta(Dictionary<string, string> meta)
    {
        var value = Meta(meta, "author") ?? Meta(meta, "article:author") ?? Meta(meta, "dc.creator") ?? Meta(meta, "parsely-author") ?? Meta(meta, "sailthru.author");
        if (value is null || value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            return [];
        return SplitNames(value);
    }

    private static List<string> AuthorsFromByline(string byline) => SplitNames(BylinePrefix().Replace(byline, string.Empty));

    private static List<string> SplitNames(string value) =>
        NameSeparator().Split(value).Select(Clean).OfType<string>().Where(n => n.Length is > 1 and < 60).Distinct().ToList();

    private static DateTimeOffset? DateKeysFirst(Dictionary<string, string> meta)
    {
        foreach (var key in DateMetaKeys)
            if (ParseDate(Meta(meta, key)) is { } date)
                return date;
        return null;
    }

    private static DateTimeOffset? TimeElement(PageElements elements)
    {
        foreach (var time in elements.Times)
            if (ParseDate(time.GetAttribute("datetime")) is { } date)
                return date;
        var itemprop = elements.DatePublished;
        return ParseDate(itemprop?.GetAttribute("datetime") ?? itemprop?.GetAttribute("content"));
    }

    internal static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        value = value.Trim();
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
            return date;
        // Compact forms some CMSs emit: 20191119, 20191119T103000Z.
        if (DateTimeOffset.TryParseExact(value, ["yyyyMMdd", "yyyyMMdd'T'HHmmss'Z'", "yyyyMMddHHmmss"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out date))
            return date;
        return null;
    }

    private static string? LanguageTag(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var primary = value.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetter) ? primary : null;
    }

    private static string? Clean(string? value)
    {
        if (value is null)
            return null;
        var cleaned = Normalisation.TextHygiene.CleanParagraph(value);
        return cleaned.Length == 0 ? null : cleaned;
    }

    [GeneratedRegex(@"\s+[|–—:»«•·-]\s+|\s+::\s+", RegexOptions.RightToLeft)]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^\s*(by|von|par|por|di)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylinePrefix();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|&|\|)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparator();
}
