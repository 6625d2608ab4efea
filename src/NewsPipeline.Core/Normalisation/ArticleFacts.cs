using System.Text;

namespace NewsPipeline.Core.Normalisation;

/// <summary>Builds the final article: fills the language (when the format did not say) and the word count.</summary>
public static class ArticleFacts
{
    public static NormalisedArticle Complete(
        string title, string body, string? byline, IReadOnlyList<string> authors, string? source,
        IReadOnlyList<string> contributors, string? url, DateTimeOffset? published, string? language, DateTimeOffset? modified = null) =>
        new(title, body, byline, authors, source, contributors, url, published,
            NormaliseLanguage(language) ?? LanguageGuesser.Guess(body), CountWords(body), modified);

    /// <summary>Words separated by spaces; in scripts written without spaces (CJK) every character counts as a word.</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                // ASCII fast path: the bulk of news text.
                if (char.IsAsciiLetterOrDigit(c))
                {
                    if (!inWord) words++;
                    inWord = true;
                }
                else if (c is ' ' or '\n' or '\t' or '\r')
                {
                    inWord = false;
                }
                continue;
            }
            // A lone surrogate (possible from JSON escapes) decodes as U+FFFD and counts as nothing.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            i += consumed - 1;
            if (IsUnspacedScript(rune))
            {
                words++;
                inWord = false;
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                if (!inWord) words++;
                inWord = true;
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                inWord = false;
            }
        }
        return words;
    }

    internal static bool IsUnspacedScript(Rune rune) =>
        rune.Value is (>= 0x3040 and <= 0x30FF) or (>= 0x3400 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FFFF);

    /// <summary>"en-GB", "EN", "en_US" → "en"; anything that is not a two-letter code → null.</summary>
    public static string? NormaliseLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        var code = language.Trim().Split('-', '_')[0].ToLowerInvariant();
        return code.Length == 2 && code.All(char.IsAsciiLetterLower) ? code : null;
    }

}
