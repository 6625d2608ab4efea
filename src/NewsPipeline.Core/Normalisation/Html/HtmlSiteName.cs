using System.Text.RegularExpressions;
using AngleSharp.Dom;
using static NewsPipeline.Core.Normalisation.Html.HtmlText;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>The site's name (the article's source) and the names a title's site part may take.</summary>
internal static partial class HtmlSiteName
{
    /// <summary>
    /// The site's name as readers see it: the JSON-LD publisher, else og:site_name, else the microdata or meta
    /// publisher, else application-name, else the document title's site part. A name written as a host ("NPR.org", "Bloomberg.com") gives way to the same name
    /// written for readers elsewhere on the page, else loses its domain ending.
    /// </summary>
    internal static string? Read(Dictionary<string, string> meta, JsonLdArticle ld, string? documentTitle, PageElements elements)
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

    /// <summary>A title part names the site when it is one of its names, or a name plus a word or two ("CNN Politics").</summary>
    internal static bool IsSiteName(string part, IReadOnlyCollection<string> siteNames)
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

    internal static List<string> SiteNames(Dictionary<string, string> meta, JsonLdArticle ld, string? source, string? url)
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

    /// <summary>A host written as a name: "NPR.org", "Bloomberg.com", "SBNation.com".</summary>
    [GeneratedRegex(@"\.(?:com|org|net|co\.uk|co|io|news|info|de|fr|jp|in|au|ca)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DomainEnding();

    /// <summary>The last title separator: " | ", " - ", " – ", " : ", " :: ", " » ", " · ", and the unspaced ones of CJK titles.</summary>
    [GeneratedRegex(@"\s+(?:[|–—»«•·-]|::?)\s+|\s*[｜：_]\s*|(?<=\p{IsCJKUnifiedIdeographs}|\p{IsHiragana}|\p{IsKatakana}|[」』）】])\s*[|:]\s*", RegexOptions.RightToLeft)]
    internal static partial Regex LastSeparator();

    [GeneratedRegex(@"\s+(?:[|–—»«•·-]|::?)\s+|\s*[｜：]\s*")]
    internal static partial Regex FirstSeparator();
}
