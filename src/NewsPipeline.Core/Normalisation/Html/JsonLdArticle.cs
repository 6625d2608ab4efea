using System.Text.Json;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// What a page's schema.org JSON-LD says about its article. Article types (NewsArticle, BlogPosting, …) are read
/// first; a page with none falls back to its WebPage or media object (VideoObject, …), which carry the same fields on
/// pages that are not articles. Authors and publishers given as <c>{"@id": …}</c> are resolved within the page's graph.
/// </summary>
internal sealed class JsonLdArticle
{
    private static readonly JsonReaderOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private readonly Fields _article = new();
    private readonly Fields _page = new();
    private readonly Dictionary<string, string> _namesById = new(StringComparer.Ordinal);

    public string? Headline => _article.Headline ?? _page.Headline;
    public string? ArticleBody => _article.ArticleBody;
    public string? DatePublished => _article.DatePublished ?? _page.DatePublished;
    public string? DateModified => _article.DateModified ?? _page.DateModified;

    /// <summary>
    /// True when <see cref="DatePublished"/> comes from an article object; false when from a page or media object,
    /// which may describe something the page embeds (a related video's card) rather than the page.
    /// </summary>
    public bool DateIsArticles => _article.DatePublished is not null;
    public IReadOnlyList<string> Authors => Resolve(_article.Authors.Count > 0 ? _article.Authors : _page.Authors);
    public string? Publisher => ResolveOne(_article.Publisher ?? _page.Publisher);
    public string? Url => _article.Url ?? _page.Url;
    public string? Language => _article.Language ?? _page.Language;

    /// <summary>Merges one ld+json script; malformed scripts are common and are ignored.</summary>
    public void Add(string json)
    {
        try
        {
            // The first value only: scripts that run a stray "}" or a second object after it are common, and the
            // first value is the one the page meant.
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), Lenient);
            using var doc = JsonDocument.ParseValue(ref reader);
            Visit(doc.RootElement, depth: 0);
        }
        catch (JsonException)
        {
            // A broken script tells us nothing; the meta tags still do.
        }
    }

    private void Visit(JsonElement element, int depth)
    {
        if (depth > 4)
            return;
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                Visit(item, depth + 1);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object)
            return;
        if (String(element, "@id") is { } id && String(element, "name") is { } name)
            _namesById.TryAdd(id, name);
        if (element.TryGetProperty("@graph", out var graph))
            Visit(graph, depth + 1);
        if (HasType(element, IsArticleType))
            _article.Read(element);
        else
        {
            if (HasType(element, IsPageType))
                _page.Read(element);
            if (element.TryGetProperty("mainEntity", out var main))
                Visit(main, depth + 1);
        }
    }

    private static bool HasType(JsonElement element, Func<string, bool> test)
    {
        if (!element.TryGetProperty("@type", out var type))
            return false;
        if (type.ValueKind == JsonValueKind.String)
            return type.GetString() is { } t && test(t);
        return type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && test(t.GetString()!));
    }

    private static bool IsArticleType(string type) =>
        type.EndsWith("Article", StringComparison.OrdinalIgnoreCase)
        || type is "BlogPosting" or "SocialMediaPosting" or "LiveBlogPosting" or "Report" or "ReportageNews" or "DiscussionForumPosting";

    private static bool IsPageType(string type) =>
        type.EndsWith("Page", StringComparison.Ordinal) && type != "SiteNavigationElement"
        || type is "VideoObject" or "AudioObject" or "PodcastEpisode" or "Episode" or "Recipe" or "CreativeWork" or "Review";

    /// <summary>A reference without a name ("@id" only) takes the name its node has elsewhere in the page.</summary>
    private List<string> Resolve(List<Reference> references)
    {
        var names = new List<string>();
        foreach (var reference in references)
            if (ResolveOne(reference) is { } name && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
                names.Add(name);
        return names;
    }

    private string? ResolveOne(Reference? reference) => reference switch
    {
        { Name: { } name } => name,
        { Id: { } id } => _namesById.GetValueOrDefault(id),
        _ => null,
    };

    private readonly record struct Reference(string? Name, string? Id);

    private sealed class Fields
    {
        public string? Headline { get; private set; }
        public string? ArticleBody { get; private set; }
        public string? DatePublished { get; private set; }
        public string? DateModified { get; private set; }
        public List<Reference> Authors { get; } = [];
        public Reference? Publisher { get; private set; }
        public string? Url { get; private set; }
        public string? Language { get; private set; }

        public void Read(JsonElement node)
        {
            Headline ??= String(node, "headline") ?? String(node, "name");
            ArticleBody ??= String(node, "articleBody");
            DatePublished ??= String(node, "datePublished") ?? String(node, "dateCreated") ?? String(node, "uploadDate");
            DateModified ??= String(node, "dateModified");
            Language ??= String(node, "inLanguage");
            Url ??= String(node, "url") ?? IdOf(node, "mainEntityOfPage");
            if (Publisher is null && node.TryGetProperty("publisher", out var publisher))
                Publisher = References(publisher).FirstOrDefault(r => r.Name is not null || r.Id is not null);
            if (Authors.Count == 0)
            {
                if (node.TryGetProperty("author", out var author))
                    Authors.AddRange(References(author));
                else if (node.TryGetProperty("creator", out var creator))
                    Authors.AddRange(References(creator));
            }
        }
    }

    private static IEnumerable<Reference> References(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    foreach (var reference in References(item))
                        yield return reference;
                break;
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()):
                yield return new Reference(value.GetString()!.Trim(), null);
                break;
            case JsonValueKind.Object:
                var name = String(value, "name") ?? Joined(String(value, "givenName"), String(value, "familyName"));
                var id = String(value, "@id");
                if (name is not null || id is not null)
                    yield return new Reference(name?.Trim(), id);
                break;
        }
    }

    private static string? Joined(string? given, string? family) =>
        given is null && family is null ? null : $"{given} {family}".Trim();

    private static string? IdOf(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => String(value, "@id") ?? String(value, "url"),
            _ => null,
        };
    }

    private static string? String(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value))
            return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).FirstOrDefault(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
