namespace NewsPipeline.Core.Classification;

/// <summary>
/// Hashed bag of n-grams: lower-cased word unigrams, word bigrams and character n-grams of each word with
/// boundary marks ("&lt;wo", "ord&gt;"). Hashing needs no vocabulary, so inference is one pass over the text with
/// no string allocation; training and inference share this code, so they cannot drift apart.
/// </summary>
internal static class TextFeaturizer
{
    private const uint Prime = 16777619;
    private const uint SeedWord = 2166136261;
    private const uint SeedBigram = 0x5bd1e995;
    private const uint SeedChar = 0x27d4eb2f;

    public static void Featurize(FeaturizerSettings settings, ReadOnlySpan<char> title, ReadOnlySpan<char> body, FeatureCounts counts)
    {
        Span<char> padded = stackalloc char[settings.MaxWordChars + 2];
        AddText(settings, title, settings.TitleWeight, counts, padded);
        AddText(settings, body, 1f, counts, padded);
    }

    private static void AddText(FeaturizerSettings s, ReadOnlySpan<char> text, float weight, FeatureCounts counts, Span<char> padded)
    {
        if (weight <= 0) return;
        var mask = (1 << s.HashBits) - 1;
        var previous = 0u;
        var havePrevious = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var h = SeedWord;
            var length = 0;
            padded[0] = '<';
            while (i < text.Length && IsWordChar(text[i]))
            {
                var c = Lower(text[i]);
                h = (h ^ c) * Prime;
                if (length < s.MaxWordChars) padded[length + 1] = c;
                length++;
                i++;
            }
            counts.Add((int)(Mix(h) & (uint)mask), weight);
            if (s.WordBigrams && havePrevious)
                counts.Add((int)(Mix((previous * Prime) ^ h ^ SeedBigram) & (uint)mask), weight);
            previous = h;
            havePrevious = true;

            if (s.CharMax == 0) continue;
            var kept = Math.Min(length, s.MaxWordChars);
            // A truncated word gets no end mark: its true ending is unknown.
            var paddedLength = kept + (length <= s.MaxWordChars ? 2 : 1);
            if (length <= s.MaxWordChars) padded[kept + 1] = '>';
            for (var start = 0; start + s.CharMin <= paddedLength; start++)
            {
                var g = SeedChar;
                var end = Math.Min(paddedLength, start + s.CharMax);
                for (var j = start; j < end; j++)
                {
                    g = (g ^ padded[j]) * Prime;
                    if (j - start + 1 >= s.CharMin) counts.Add((int)(Mix(g) & (uint)mask), weight);
                }
            }
        }
    }

    private static bool IsWordChar(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);

    private static char Lower(char c) => c < 128 ? (char)(c | (char.IsAsciiLetterUpper(c) ? 0x20 : 0)) : char.ToLowerInvariant(c);

    /// <summary>Murmur3's finaliser: FNV's low bits are weak, and the bucket is taken from the low bits.</summary>
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>Sublinear term frequency: the tenth "Ukraine" says less than the first.</summary>
    public static float SublinearTf(float count) => count > 1f ? 1f + MathF.Log(count) : count;
}
