using AngleSharp.Dom;
using static NewsPipeline.Core.Normalisation.Html.HtmlText;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>The article's language as a primary ISO 639 code: the html element's lang, else the meta tags, else JSON-LD.</summary>
internal static class HtmlLanguage
{
    internal static string? Read(IDocument document, Dictionary<string, string> meta, JsonLdArticle ld) =>
        LanguageTag(document.DocumentElement.GetAttribute("lang") ?? Meta(meta, "content-language")
            ?? Meta(meta, "og:locale") ?? ld.Language);

    private static string? LanguageTag(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var primary = value.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetter) ? primary : null;
    }
}
