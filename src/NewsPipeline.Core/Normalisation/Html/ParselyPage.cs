using System.Text.Json;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Parse.ly's <c>meta name="parsely-page"</c>: one JSON object with the article's title, author(s) and pub_date.
/// </summary>
internal sealed record ParselyPage(string? Title, IReadOnlyList<string> Authors, string? PubDate)
{
    public static ParselyPage? Read(string? json)
    {
        if (json is null || !json.TrimStart().StartsWith('{'))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var authors = new List<string>();
            foreach (var key in (string[])["authors", "author"])
            {
                if (!root.TryGetProperty(key, out var value))
                    continue;
                if (value.ValueKind == JsonValueKind.String)
                    authors.Add(value.GetString()!);
                else if (value.ValueKind == JsonValueKind.Array)
                    authors.AddRange(value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
            }
            return new ParselyPage(String(root, "title"), authors, String(root, "pub_date"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
