using System.Text.RegularExpressions;
using AngleSharp.Dom;
using static NewsPipeline.Core.Normalisation.Html.HtmlText;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>The byline shown and the authors' names, from JSON-LD, meta tags, microdata and the visible byline.</summary>
internal static partial class HtmlAuthors
{
    // Article-level tags before the generic "author": templates often fill "author" with the company that owns
    // the site ("Condé Nast") while article:author or byl names the writer.
    private static readonly string[] AuthorMetaKeys =
    [
        "byl", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
        "citation_author", "author", "cxenseparse:author", "book:author",
    ];

    /// <summary>
    /// The byline shown near the headline and the authors, from the most trusted source that names any: JSON-LD,
    /// author meta tags, itemprop="author", the visible byline.
    /// </summary>
    internal static (string? Byline, List<string> Authors) Read(Dictionary<string, string> meta, JsonLdArticle ld, ParselyPage? parsely,
        PageElements elements, string? source, int headlineOrder)
    {
        // An author tag that repeats the site's name is no byline (a publisher named as author is kept: press releases).
        string?[] sites = [source];
        var (byline, visibleAuthors) = VisibleByline(elements, headlineOrder, sites);
        // JSON-LD names are often written as the page shows them ("By Will Smale"). A JSON-LD author that is also its
        // publisher is an organisation writing its own release, and stays; one that repeats the platform's name goes.
        string?[] ldSites = [Clean(Meta(meta, "og:site_name")), string.Equals(source, Clean(ld.Publisher), StringComparison.OrdinalIgnoreCase) ? null : source];
        var authors = Names(ld.Authors.Select(BylineNames), ldSites, declared: true);
        if (authors.Count == 0)
            authors = AuthorsFromMeta(meta, parsely, sites);
        if (authors.Count == 0)
            authors = ItempropAuthor(elements, sites);
        if (authors.Count == 0)
            authors = visibleAuthors;
        byline ??= Clean(Meta(meta, "byl"));
        return (byline, authors);
    }

    /// <summary>
    /// The first author meta tag that names people: author, byl, Dublin Core, citation, Parse.ly, Sailthru, cXense,
    /// then Twitter's "Written by" label. A URL, a handle or the site's own name is no byline.
    /// </summary>
    private static List<string> AuthorsFromMeta(Dictionary<string, string> meta, ParselyPage? parsely, string?[] sites)
    {
        foreach (var key in AuthorMetaKeys)
            if (Meta(meta, key) is { } value && Names(SplitNames(BylineNames(value)), sites, declared: true) is { Count: > 0 } names)
                return names;
        if (parsely is { Authors.Count: > 0 } && Names(parsely.Authors, sites, declared: true) is { Count: > 0 } fromParsely)
            return fromParsely;
        for (var i = 1; i <= 2; i++)
            if (Meta(meta, $"twitter:label{i}") is { } label && label.Contains("written by", StringComparison.OrdinalIgnoreCase)
                && Meta(meta, $"twitter:data{i}") is { } data)
                return Names(SplitNames(data), sites, declared: true);
        return [];
    }

    /// <summary>itemprop="author": its itemprop="name" (a meta or link content, or text), else its own text.</summary>
    private static List<string> ItempropAuthor(PageElements elements, string?[] sites)
    {
        if (elements.ItempropAuthor is not { } author)
            return [];
        var name = FirstNameProperty(author);
        var text = name is null ? author.TextContent : name.GetAttribute("content") ?? name.GetAttribute("value") ?? name.TextContent;
        return Clean(text) is { Length: < 120 } clean ? Names(SplitNames(BylineNames(clean)), sites, declared: true) : [];
    }

    /// <summary>
    /// The byline shown near the headline: the first candidate element (author or byline class, author link,
    /// rel/itemprop author) after the headline whose text reads as names, else the first one anywhere.
    /// </summary>
    private static (string? Byline, List<string> Authors) VisibleByline(PageElements elements, int headlineOrder, string?[] sites)
    {
        (string? Byline, List<string> Authors) before = (null, []);
        foreach (var candidate in elements.BylineCandidates)
        {
            // Before the headline only the first byline counts: later ones there are not read.
            var after = elements.Order.GetValueOrDefault(candidate) >= headlineOrder;
            if (!after && before.Byline is not null)
                continue;
            var text = Clean(ShortText(candidate, MaxBylineChars));
            if (text is null && string.Equals(candidate.GetAttribute("rel"), "author", StringComparison.OrdinalIgnoreCase))
                text = Clean(candidate.GetAttribute("title"));
            if (text is null || text.Length is < 2 or > 120)
                continue;
            var names = Names(SplitNames(BylineNames(text)), sites);
            if (names.Count == 0)
                continue;
            if (after)
                return (text, names);
            before = (text, names);
        }
        return before;
    }

    private const int MaxBylineChars = 2000;

    /// <summary>"By Jane Doe and John Roe | May 5, 2019" → "Jane Doe and John Roe": the prefix and the tail go.</summary>
    internal static string BylineNames(string byline)
    {
        var names = BylinePrefix().Replace(byline.Trim(), string.Empty);
        names = BylineTail().Replace(names, string.Empty);
        return names.Trim().TrimEnd(',', '.', ';', ':', '|');
    }

    private static List<string> SplitNames(string value) =>
        NameSeparator().Split(value).SelectMany(SplitAmpersand).Select(Clean).OfType<string>()
            .Select(n => n.Trim('·', '•', '|', '-', ' ')).Where(n => n.Length > 1).Distinct().ToList();

    /// <summary>"Jane Doe &amp; John Roe" is two people; "Mac &amp; i" or "Johnson &amp; Johnson" is one name.</summary>
    private static IEnumerable<string> SplitAmpersand(string part)
    {
        var pieces = part.Split('&', StringSplitOptions.TrimEntries);
        return pieces.Length > 1 && pieces.All(p => WordCount(p) >= 2) ? pieces : [part];
    }

    /// <summary>
    /// The names that read as people or desks, without the site's own name (an author tag often repeats it). Names a
    /// page declares for machines (meta tags, JSON-LD, itemprop) may be written in lower case ("cindy mangomini", a
    /// user name); text merely found where bylines are must read as a name.
    /// </summary>
    private static List<string> Names(IEnumerable<string> names, string?[] sites, bool declared = false)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            if (Clean(raw) is not { } name || !LooksLikeName(name, declared))
                continue;
            if (sites.Any(site => site is not null && Key(name) == Key(site)))
                continue;
            if (!result.Contains(name, StringComparer.OrdinalIgnoreCase))
                result.Add(name);
        }
        return result;
    }

    /// <summary>One to six words, no digits, links or handles, starting with a capital (or in a script without case).</summary>
    internal static bool LooksLikeName(string name, bool anyCase = false)
    {
        if (name.Length is < 2 or > 60 || name.Any(char.IsDigit) || name.Contains('@', StringComparison.Ordinal)
            || name.Contains("http", StringComparison.OrdinalIgnoreCase) || name.Contains('/', StringComparison.Ordinal)
            || NotAName().IsMatch(name))
            return false;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 1 or > 6)
            return false;
        if (anyCase)
            return words[0].Any(char.IsLetter);
        var first = words[0][0];
        return (char.IsUpper(first) || (char.IsLetter(first) && !char.IsLower(first)))
            && words.All(w => !char.IsLetter(w[0]) || !char.IsLower(w[0]) || w.Length <= 3);
    }

    [GeneratedRegex(@"^\s*(?:(?:written|posted|reported|story|words|text|published|updated)\s+)?(?:by|von|par|por|di|door|af|av)\b\s*:?\s*|^\s*(?:author|autor|auteur|autore|written by)\s*:\s*|^[\p{L} ]{2,20}\s+[·•|]\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylinePrefix();

    /// <summary>What follows the names in a byline: a date, a separator, "Updated …", an e-mail, a role after a dash.</summary>
    [GeneratedRegex(@"\s+(?:\||•|·|—|–|-|/)\s+.*$|,?\s+(?:updated|published|posted|on|am|le|el|il)\s.*$|\s*,\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b).*$|\s+\d.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineTail();

    /// <summary>Words that are no one's name: labels and links found where bylines are.</summary>
    [GeneratedRegex(@"^(?:by|more|all|view|see|read|follow|share|email|contact|about|posted|written|author|authors|staff writer|contributor|contributors|editor|editors|admin|administrator|anonymous|guest|unknown|home|news|opinion|menu|search|comments?|reply|advertisement|sponsored|loading)\b|^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|yesterday|updated)$|\b(?:articles?|posts?|stories|profile|bio|view all|read more|more from|follow)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAName();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|\||、)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparator();
}
