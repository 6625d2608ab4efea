using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Normalisation.Json;

/// <summary>
/// One article per .json file, an object with (all optional but a body): <c>title</c>; <c>body</c> (plain text,
/// paragraphs separated by blank lines; alias <c>text</c>, <c>content</c>) or <c>html</c> (run through the HTML
/// extractor; its metadata fills the fields the JSON leaves out); <c>url</c>; <c>modified</c> (ISO 8601; aliases dateModified, updated); <c>published</c> (ISO 8601; alias
/// <c>date</c>, <c>datePublished</c>); <c>source</c> (alias <c>siteName</c>); <c>authors</c> (array or string; alias
/// <c>author</c>); <c>byline</c>; <c>contributors</c>; <c>language</c> (ISO 639-1 or a tag like en-GB). Property
/// names are matched case-insensitively. An array or any other top-level value is rejected: one article per file.
/// </summary>
public sealed class JsonArticleNormaliser(HtmlArticleNormaliser html)
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public NormalisationResult Normalise(string text) => Normalise(text, CancellationToken.None);

    /// <summary>The budget bounds the extraction from an html field.</summary>
    public NormalisationResult Normalise(string text, CancellationToken budget)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            return NormalisationResult.Failure(
                $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return NormalisationResult.Failure(root.ValueKind == JsonValueKind.Array
                    ? "JSON array: one article object per file expected"
                    : $"JSON {root.ValueKind.ToString().ToLowerInvariant()}: an article object expected");
            return FromObject(root, budget);
        }
    }

    private NormalisationResult FromObject(JsonElement root, CancellationToken budget)
    {
        var title = TextHygiene.CleanParagraph(String(root, "title", "headline") ?? "");
        var bodyText = String(root, "body", "text", "content", "articleBody");
        var htmlText = String(root, "html");
        NormalisedArticle? fromHtml = null;
        string body;
        if (!string.IsNullOrWhiteSpace(bodyText))
        {
            body = TextHygiene.CleanText(bodyText);
        }
        else if (!string.IsNullOrWhiteSpace(htmlText))
        {
            var extracted = html.NormaliseHtml(htmlText, budget);
            if (extracted.OverBudget)
                return extracted;
            if (extracted.Article is null)
                return NormalisationResult.Failure($"no article text in the JSON's html: {extracted.Error}");
            fromHtml = extracted.Article;
            body = fromHtml.Body;
        }
        else
        {
            return NormalisationResult.Failure("no article text: the JSON object has no non-empty body, text, content or html");
        }
        if (body.Length == 0)
            return NormalisationResult.Failure("no article text");

        var published = String(root, "published", "date", "datePublished", "pubDate") is { } date
            && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : fromHtml?.Published;
        var modified = String(root, "modified", "dateModified", "updated") is { } changed
            && DateTimeOffset.TryParse(changed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedModified)
                ? parsedModified
                : fromHtml?.Modified;
        var authors = Strings(root, "authors", "author");
        return NormalisationResult.Success(ArticleFacts.Complete(
            title.Length > 0 ? title : fromHtml?.Title ?? "",
            body,
            Clean(String(root, "byline")) ?? fromHtml?.Byline,
            authors.Count > 0 ? authors : fromHtml?.Authors ?? [],
            Clean(String(root, "source", "siteName", "site_name", "publisher")) ?? fromHtml?.Source,
            Strings(root, "contributors"),
            Clean(String(root, "url", "link")) ?? fromHtml?.Url,
            published,
            String(root, "language", "lang", "inLanguage") ?? fromHtml?.Language,
            modified));
    }

    private static string? Clean(string? value) =>
        value is null ? null : TextHygiene.CleanParagraph(value) is { Length: > 0 } clean ? clean : null;

    private static string? String(JsonElement root, params string[] names)
    {
        foreach (var property in root.EnumerateObject())
            foreach (var name in names)
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                    return property.Value.GetString();
        return null;
    }

    // An array of strings, an array of {"name": …} objects, or one string ("A and B" stays one entry).
    private static List<string> Strings(JsonElement root, params string[] names)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!names.Any(n => string.Equals(property.Name, n, StringComparison.OrdinalIgnoreCase))) continue;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.String)
                return Clean(value.GetString()) is { } one ? [one] : [];
            if (value.ValueKind != JsonValueKind.Array) continue;
            return value.EnumerateArray()
                .Select(e => e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Object when e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                    _ => null,
                })
                .Select(Clean)
                .OfType<string>()
                .ToList();
        }
        return [];
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
