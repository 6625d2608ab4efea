using System.Text.Json;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>What a page's schema.org JSON-LD says about its article (NewsArticle, BlogPosting, …).</summary>
internal sealed class JsonLdArticle
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public string? Headline { get; private set; }
    public string? ArticleBody { get; private set; }
    public string? DatePublished { get; private set; }
    public List<string> Authors { get; } = [];
    public string? Publisher { get; private set; }
    public string? Url { get; private set; }
    public string? Language { get; private set; }

    /// <summary>Merges one ld+json script; malformed scripts are common and are ignored.</summary>
    public void Add(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, Lenient);
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
        if (element.TryGetProperty("@graph", out var graph))
            Visit(graph, depth + 1);
        if (IsArticle(element))
            Read(element);
        else if (element.TryGetProperty("mainEntity", out var main))
            Visit(main, depth + 1);
    }

    private static bool IsArticle(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type))
            return false;
        if (type.ValueKind == JsonValueKind.String)
            return IsArticleType(type.GetString());
        return type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && IsArticleType(t.GetString()));
    }

    private static bool IsArticleType(string? type) =>
        type is not null && (type.EndsWith("Article", StringComparison.OrdinalIgnoreCase)
            || type is "BlogPosting" or "SocialMediaPosting" or "LiveBlogPosting" or "Report" or "ReportageNews");

    private void Read(JsonElement article)
    {
        Headline ??= String(article, "headline") ?? String(article, "name");
        ArticleBody ??= String(article, "articleBody");
        DatePublished ??= String(article, "datePublished") ?? String(article, "dateCreated");
        Language ??= String(article, "inLanguage");
        Url ??= String(article, "url") ?? IdOf(article, "mainEntityOfPage");
        if (article.TryGetProperty("publisher", out var publisher))
            Publisher ??= NameOf(publisher);
        if (Authors.Count == 0 && article.TryGetProperty("author", out var author))
            AddAuthors(author);
    }

    private void AddAuthors(JsonElement author)
    {
        if (author.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in author.EnumerateArray())
                AddAuthors(item);
            return;
        }
        var name = NameOf(author);
        if (!string.IsNullOrWhiteSpace(name) && !Authors.Contains(name, StringComparer.OrdinalIgnoreCase))
            Authors.Add(name.Trim());
    }

    private static string? NameOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Object => String(element, "name"),
        JsonValueKind.Array => element.EnumerateArray().Select(NameOf).FirstOrDefault(n => n is not null),
        _ => null,
    };

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
        if (!element.TryGetProperty(property, out var value))
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
