using System.Collections.Frozen;

namespace NewsPipeline.Core.Normalisation.PlainText;

/// <summary>
/// One non-empty line of a page and the cheap measurements the article locator uses. <see cref="Units"/> counts
/// words, with two characters of an unspaced script (Chinese, Japanese) worth one word, so thresholds hold across scripts.
/// </summary>
internal readonly record struct TextLine(string Text, double Units, double StopwordRatio, bool EndsSentence)
{
    // Function words of the most common Latin-script languages: their density separates prose from labels and menus.
    private static readonly FrozenSet<string> Stopwords = (
        "the a an and or but of to in on at for with by from as is are was were be been has have had it its this that these those " +
        "he she they we you i his her their our not no will would can could said says who which what when where than then there " +
        "after before about into over also more most just so if one all my your them him " +
        "der die das und ist nicht ein eine zu den mit sich des auf für im dem von sie es auch als an nach wie aus bei " +
        "le la les et est un une des du en que qui pas pour dans sur au avec il elle ce son sa ses par plus " +
        "el los las y es un una que de en por con para del se al lo como su sus más pero " +
        "il lo gli e di che non per una sono della del nel con si da ha " +
        "o os as e um uma que do da dos das em para com não se por na no " +
        "het de een en van is dat op te in voor niet met zijn er")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopwordLookup =
        Stopwords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static TextLine Measure(string text)
    {
        var words = 0;
        var stopwords = 0;
        var unspaced = 0;
        Span<char> lower = stackalloc char[16];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c >= 0x3040 && IsUnspaced(c)) unspaced++;
            if (!char.IsWhiteSpace(c))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start < 0) continue;
            words++;
            var word = text.AsSpan(start, i - start).Trim(".,;:!?\"'“”‘’()«»[]");
            start = -1;
            if (word.Length is > 0 and <= 16)
            {
                var length = word.ToLowerInvariant(lower);
                if (StopwordLookup.Contains(lower[..length])) stopwords++;
            }
        }
        // Text mostly in an unspaced script: its "words" are whole sentences, so count characters instead.
        var units = unspaced * 3 >= text.Length ? unspaced / 2.0 : words + unspaced / 2.0;
        return new TextLine(text, units, words == 0 ? 0 : (double)stopwords / words, EndsWithSentencePunctuation(text));
    }

    private static bool IsUnspaced(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF');

    private static bool EndsWithSentencePunctuation(string text) =>
        text.Length > 0 && text[^1] is '.' or '!' or '?' or '"' or '”' or '’' or ')' or '…' or ':' or '。' or '！' or '？' or '」';
}
