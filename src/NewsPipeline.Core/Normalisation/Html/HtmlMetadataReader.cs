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
        "article:published_time", "og:published_time", "og:article:published_time", "article:published", "datepublished",
        "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "published_at", "date_published",
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
        "citation_publication_date", "citation_date", "article.published", "originalpublicationdate", "cxenseparse:recs:publishtime",
        "pub_date", "date", "dc.date", "dcterms.date",
    ];

    private static readonly string[] ModifiedMetaKeys =
        ["article:modified_time", "og:updated_time", "og:modified_time", "datemodified", "dcterms.modified", "last-modified", "lastmod"];

    // Article-level tags before the generic "author": templates often fill "author" with the company that owns
    // the site ("Condé Nast") while article:author or byl names the writer.
    private static readonly string[] AuthorMetaKeys =
    [
        "byl", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
        "citation_author", "author", "cxenseparse:author", "book:author",
    ];

    public static HtmlMetadata Read(IDocument document, CancellationToken budget)
    {
        var elements = PageElements.Collect(document, budget);
        var meta = ReadMetaTags(elements);
        var ld = new JsonLdArticle();
        foreach (var script in elements.JsonLdScripts)
            ld.Add(script.TextContent);
        var parsely = ParselyPage.Read(Meta(meta, "parsely-page"));

        var source = SiteName(meta, ld, document.Title, elements);
        var title = ChooseTitle(document, elements, meta, ld, source, out var headline);
        var headlineOrder = headline is not null && elements.Order.TryGetValue(headline, out var order) ? order : 0;
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
        var url = elements.Canonical ?? Meta(meta, "og:url") ?? ld.Url;
        var modified = DateText.ParseValue(ld.DateModified) ?? FirstDate(meta, ModifiedMetaKeys);
        // A page that declares only when it was last changed was first published no later: that date is the best
        // known date of the text shown, closer than none.
        var dateHeadline = headline ?? ShownTitle(elements, title);
        var published = ChoosePublished(ld, meta, parsely, elements, headlineOrder, dateHeadline, url) ?? DateUnderHeadline(dateHeadline) ?? modified;
        var language = LanguageTag(document.DocumentElement.GetAttribute("lang") ?? Meta(meta, "content-language")
            ?? Meta(meta, "og:locale") ?? ld.Language);
        return new HtmlMetadata(title, byline, authors, source, url, published, modified, language, ld.ArticleBody,
            Clean(Meta(meta, "og:description") ?? Meta(meta, "description") ?? Meta(meta, "twitter:description")));
    }

    private static Dictionary<string, string> ReadMetaTags(PageElements elements)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in elements.Metas)
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name")
                ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            // A few CMSs (and pages re-saved by some tools) write the value in "value", not "content".
            var content = element.GetAttribute("content") ?? element.GetAttribute("value");
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
    private static string? ChooseTitle(IDocument document, PageElements elements, Dictionary<string, string> meta, JsonLdArticle ld, string? source, out IElement? headline)
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

    /// <summary>A title part names the site when it is one of its names, or a name plus a word or two ("CNN Politics").</summary>
    private static bool IsSiteName(string part, IReadOnlyCollection<string> siteNames)
    {
        var key = Key(part);
        if (key.Length < 2)
            return false;
        foreach (var name in siteNames)
        {
            var site = Key(name);
            if (site.Length < 2)
                continue;
            if (key == site || (site.Length >= 3 && key.Contains(site, StringComparison.Ordinal) && WordCount(part.Trim()) <= 4)
                || (key.Length >= 4 && site.Contains(key, StringComparison.Ordinal)))
                return true;
        }
        return false;
    }

    /// <summary>Letters and digits only, lower case: "BostonGlobe.com", "The Boston Globe" and "bostonglobe" compare.</summary>
    private static string Key(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static List<string> SiteNames(Dictionary<string, string> meta, JsonLdArticle ld, string? source, string? url)
    {
        var names = new List<string>();
        foreach (var name in (string?[])[source, Meta(meta, "og:site_name"), ld.Publisher, Meta(meta, "application-name"), HostLabel(url)])
            if (Clean(name) is { } clean && !names.Contains(clean, StringComparer.OrdinalIgnoreCase))
                names.Add(clean);
        return names;
    }

    /// <summary>"https://www.techcrunch.com/2016/…" → "techcrunch": the part of the host that names the site.</summary>
    private static string? HostLabel(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            return null;
        var labels = uri.Host.Split('.');
        var skip = labels.Length > 2 && labels[0] is "www" or "m" or "amp" or "mobile" or "edition" ? 1 : 0;
        return labels.Length - skip >= 2 ? labels[skip] : null;
    }

    /// <summary>
    /// The site's name as readers see it: the JSON-LD publisher, else og:site_name, else the microdata or meta
    /// publisher, else application-name, else the document title's site part. A name written as a host ("NPR.org", "Bloomberg.com") gives way to the same name
    /// written for readers elsewhere on the page, else loses its domain ending.
    /// </summary>
    private static string? SiteName(Dictionary<string, string> meta, JsonLdArticle ld, string? documentTitle, PageElements elements)
    {
        var og = Clean(Meta(meta, "og:site_name"));
        var ldPublisher = Clean(ld.Publisher);
        var publisher = ldPublisher ?? ItempropName(elements.ItempropPublisher) ?? PublisherMeta(meta);
        var application = Clean(Meta(meta, "application-name"));
        var affix = TitleSiteAffix(Clean(documentTitle));
        // JSON-LD names the article's own publisher (a Medium publication, the company issuing a press release, one
        // paper of a group); og:site_name is often the platform or the group's shared template.
        var declared = ldPublisher ?? og ?? publisher ?? application;
        if (declared is null)
            return affix;
        // "X (formerly Twitter)": the name is what stands before the aside.
        if (declared.IndexOf(" (", StringComparison.Ordinal) is > 0 and var aside && declared.EndsWith(')'))
            declared = declared[..aside];
        if (!LooksLikeHost(declared))
            return declared;
        var bare = DomainEnding().Replace(declared, "");
        foreach (var alternative in (string?[])[publisher, application, affix])
            if (alternative is not null && !LooksLikeHost(alternative) && Key(alternative).Contains(Key(bare), StringComparison.Ordinal))
                return alternative;
        return bare;
    }

    /// <summary>meta name="publisher" or Dublin Core's publisher, when it is a name (some pages put a profile URL there).</summary>
    private static string? PublisherMeta(Dictionary<string, string> meta)
    {
        var value = Clean(Meta(meta, "publisher") ?? Meta(meta, "dc.publisher") ?? Meta(meta, "dcterms.publisher"));
        return value is { Length: <= 60 } && !value.Contains("http", StringComparison.OrdinalIgnoreCase) && !value.Contains('/', StringComparison.Ordinal) ? value : null;
    }

    /// <summary>A microdata item's name: its itemprop="name" child's content (a meta) or text.</summary>
    private static string? ItempropName(IElement? item)
    {
        if (item is null || FirstNameProperty(item) is not { } name)
            return null;
        return Clean(name.GetAttribute("content") ?? name.TextContent) is { Length: <= 60 } clean ? clean : null;
    }

    /// <summary>The first descendant with itemprop="name", in page order: what QuerySelector("[itemprop=name]") finds, without parsing a selector per page.</summary>
    private static IElement? FirstNameProperty(IElement item)
    {
        var children = item.Children;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (string.Equals(child.GetAttribute("itemprop"), "name", StringComparison.Ordinal))
                return child;
            if (FirstNameProperty(child) is { } found)
                return found;
        }
        return null;
    }

    private static bool LooksLikeHost(string name) => !name.Contains(' ', StringComparison.Ordinal) && DomainEnding().IsMatch(name);

    /// <summary>The short part of "Headline | Site" (or "Site | Headline"): a name of at most four words beside a longer headline.</summary>
    private static string? TitleSiteAffix(string? title)
    {
        if (title is null)
            return null;
        var suffix = LastSeparator().Match(title);
        if (!suffix.Success || suffix.Index == 0)
            return null;
        var head = title[..suffix.Index].Trim();
        var tail = title[(suffix.Index + suffix.Length)..].Trim();
        if (WordCount(tail) <= 4 && WordCount(head) >= WordCount(tail) && tail.Length >= 2)
            return tail;
        var prefix = FirstSeparator().Match(title);
        var first = title[..prefix.Index].Trim();
        var rest = title[(prefix.Index + prefix.Length)..].Trim();
        return WordCount(first) <= 2 && WordCount(rest) >= 3 && first.Length >= 2 ? first : null;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

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
    private const int MaxDateChars = 200;

    /// <summary>
    /// The element's text when it has at most <paramref name="max"/> characters, else null: a candidate byline or date
    /// is short, and a container that merely has an author or date class (often the whole article) is not read whole.
    /// </summary>
    private static string? ShortText(IElement element, int max)
    {
        var text = new System.Text.StringBuilder();
        return Append(element, text, max) ? text.ToString() : null;
    }

    private static bool Append(INode node, System.Text.StringBuilder text, int max)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (child.NodeType == NodeType.Text)
            {
                text.Append(child.TextContent);
                if (text.Length > max)
                    return false;
            }
            else if (child.NodeType == NodeType.Element && !Append(child, text, max))
                return false;
        }
        return true;
    }

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

    /// <summary>An h2 that shows the chosen title: pages without an h1 headline (mobile pages, blogs) show it so.</summary>
    private static IElement? ShownTitle(PageElements elements, string? title) =>
        title is null ? null : elements.SubHeadings.FirstOrDefault(h => string.Equals(Clean(h.TextContent), title, StringComparison.OrdinalIgnoreCase));

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

    [GeneratedRegex(@"^\s*(?:(?:written|posted|reported|story|words|text|published|updated)\s+)?(?:by|von|par|por|di|door|af|av)\b\s*:?\s*|^\s*(?:author|autor|auteur|autore|written by)\s*:\s*|^[\p{L} ]{2,20}\s+[·•|]\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylinePrefix();

    /// <summary>What follows the names in a byline: a date, a separator, "Updated …", an e-mail, a role after a dash.</summary>
    [GeneratedRegex(@"\s+(?:\||•|·|—|–|-|/)\s+.*$|,?\s+(?:updated|published|posted|on|am|le|el|il)\s.*$|\s*,\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b).*$|\s+\d.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineTail();

    /// <summary>Words that are no one's name: labels and links found where bylines are.</summary>
    [GeneratedRegex(@"^(?:by|more|all|view|see|read|follow|share|email|contact|about|posted|written|author|authors|staff writer|contributor|contributors|editor|editors|admin|administrator|anonymous|guest|unknown|home|news|opinion|menu|search|comments?|reply|advertisement|sponsored|loading)\b|^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|yesterday|updated)$|\b(?:articles?|posts?|stories|profile|bio|view all|read more|more from|follow)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAName();

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})/(?<m>[01]?\d)/(?<d>[0-3]?\d)(?:/|$)|[-/_](?<y>20\d{2})(?<m>[01]\d)(?<d>[0-3]\d)(?:[-/_.]|$)|/(?<y>20\d{2})-(?<m>[01]\d)-(?<d>[0-3]\d)(?:[-/_]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDatePattern();

    /// <summary>A host written as a name: "NPR.org", "Bloomberg.com", "SBNation.com".</summary>
    [GeneratedRegex(@"\.(?:com|org|net|co\.uk|co|io|news|info|de|fr|jp|in|au|ca)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DomainEnding();

    /// <summary>The last title separator: " | ", " - ", " – ", " : ", " :: ", " » ", " · ", and the unspaced ones of CJK titles.</summary>
    [GeneratedRegex(@"\s+(?:[|–—»«•·-]|::?)\s+|\s*[｜：_]\s*|(?<=\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}|\p{IsKatakana}|[」』）】])\s*[|:]\s*", RegexOptions.RightToLeft)]
    private static partial Regex LastSeparator();

    [GeneratedRegex(@"\s+(?:[|–—»«•·-]|::?)\s+|\s*[｜：]\s*")]
    private static partial Regex FirstSeparator();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|\||、)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparator();
}
