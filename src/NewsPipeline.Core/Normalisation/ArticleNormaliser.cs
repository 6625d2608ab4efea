using System.Text;

namespace NewsPipeline.Core.Normalisation;

/// <summary>PLACEHOLDER: replaced by the real normaliser.</summary>
public sealed class ArticleNormaliser : IArticleNormaliser
{
    public NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            return NormalisationResult.Failure("empty file");
        string text;
        try { text = new UTF8Encoding(false, true).GetString(content); }
        catch (DecoderFallbackException) { return NormalisationResult.Failure("invalid UTF-8"); }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
            return NormalisationResult.Failure("no article text");
        var body = string.Join("\n\n", lines.Skip(1));
        return NormalisationResult.Success(new NormalisedArticle(lines[0], body, null, [], null, [], null, null, "en",
            body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
    }
}
