using NewsPipeline.Core.Normalisation.Boilerplate;
using NewsPipeline.Core.Normalisation.Html;
using NewsPipeline.Core.Normalisation.Json;
using NewsPipeline.Core.Normalisation.PlainText;

namespace NewsPipeline.Core.Normalisation;

/// <summary>
/// Picks the format by the file's extension: .txt → plain text, .html/.htm → HTML, .json → the JSON article schema.
/// Text formats are decoded here (UTF-8, or UTF-16/32 with a BOM) so every failure reason is stated once; HTML decodes
/// its own character set (meta charset, BOM, mislabelled UTF-8).
/// </summary>
public sealed class ArticleNormaliser : IArticleNormaliser
{
    private readonly PlainTextNormaliser _plainText;
    private readonly HtmlArticleNormaliser _html = new();
    private readonly JsonArticleNormaliser _json;

    public ArticleNormaliser()
        : this(null)
    {
    }

    /// <param name="boilerplate">Learned boilerplate (lines recurring across articles), consulted and taught by plain text.</param>
    public ArticleNormaliser(IBoilerplateStore? boilerplate)
    {
        _plainText = new PlainTextNormaliser(boilerplate);
        _json = new JsonArticleNormaliser(_html);
    }

    public NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content) =>
        Normalise(fileName, content, CancellationToken.None);

    /// <summary>The budget bounds HTML (a page alone or a JSON article's html); plain text is linear in its size.</summary>
    public NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content, CancellationToken budget)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".txt" or ".html" or ".htm" or ".json"))
            return NormalisationResult.Failure(extension.Length == 0
                ? "unsupported file type (no extension): expected .txt, .html, .htm or .json"
                : $"unsupported file type '{extension}': expected .txt, .html, .htm or .json");
        if (content.IsEmpty)
            return NormalisationResult.Failure("empty file");
        if (extension is ".html" or ".htm")
            return Checked(_html.Normalise(content, budget));

        if (!ContentDecoder.TryDecode(content, out var text, out var error))
            return NormalisationResult.Failure(error!);
        if (string.IsNullOrWhiteSpace(text))
            return NormalisationResult.Failure("empty file (only whitespace)");
        return Checked(extension == ".json" ? _json.Normalise(text, budget) : _plainText.Normalise(text));
    }

    // A body of punctuation alone ("!!! ...") is no article either: stored, it would be an article of 0 words.
    private static NormalisationResult Checked(NormalisationResult result) =>
        result.Article is { Body.Length: 0 } ? NormalisationResult.Failure("no article text")
        : result.Article is { WordCount: 0 } ? NormalisationResult.Failure("not an article: 0 words")
        : result;
}
