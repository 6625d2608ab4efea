using System.Globalization;
using System.Text;

namespace NewsPipeline.Evaluation.Extraction;

/// <summary>Precision, recall and F1 of one extracted body against its gold body.</summary>
public readonly record struct TokenScore(double Precision, double Recall, double F1);

/// <summary>
/// Article-body token F1 exactly as the Scrapinghub article-extraction benchmark computes it: lower-case word tokens
/// (Python's <c>\w+</c>: letters, digits, other numerics, underscore) of output and gold as multisets;
/// precision = common / output tokens, recall = common / gold tokens.
/// </summary>
public static class TokenOverlap
{
    public static TokenScore Score(string output, string gold)
    {
        var goldCounts = Count(gold, out var goldTotal);
        var outputCounts = Count(output, out var outputTotal);
        if (goldTotal == 0 && outputTotal == 0)
            return new TokenScore(1, 1, 1); // nothing to find and nothing found: a perfect (empty) extraction
        if (goldTotal == 0 || outputTotal == 0)
            return new TokenScore(0, 0, 0);
        long common = 0;
        foreach (var (token, count) in outputCounts)
            if (goldCounts.TryGetValue(token, out var g))
                common += Math.Min(count, g);
        var precision = (double)common / outputTotal;
        var recall = (double)common / goldTotal;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new TokenScore(precision, recall, f1);
    }

    /// <summary>The lower-case <c>\w+</c> tokens of a text, in order.</summary>
    public static IEnumerable<string> Tokenise(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length;)
        {
            var width = 1;
            var isWord = false;
            if (i < text.Length)
            {
                if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out width) == System.Buffers.OperationStatus.Done)
                    isWord = IsWordRune(rune);
                else
                    width = 1;
            }
            if (isWord)
            {
                if (start < 0) start = i;
            }
            else if (start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
            i += width;
        }
    }

    private static Dictionary<string, int> Count(string text, out long total)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        total = 0;
        foreach (var token in Tokenise(text))
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
            total++;
        }
        return counts;
    }

    // Python's str.isalnum() or '_': letters (L*) and numerics (Nd, Nl, No); combining marks are not word characters.
    private static bool IsWordRune(Rune rune)
    {
        if (rune.Value == '_') return true;
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return true;
            default:
                return false;
        }
    }
}
