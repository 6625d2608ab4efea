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
    private const uint TitleSalt = 0x9e3779b9;

    public static void Featurize(FeaturizerSettings settings, ReadOnlySpan<char> title, ReadOnlySpan<char> body, FeatureCounts counts)
    {
        var words = t_words ??= new WordCounts();
        Span<char> padded = stackalloc char[settings.MaxWordChars + 2];
        AddText(settings, title, settings.TitleWeight, counts, words, padded, 0);
        AddText(settings, body, 1f, counts, words, padded, 0);
        // The title once more in a feature space of its own: a word in a headline can mean more than in a body.
        if (settings.TitleFeatures) AddText(settings, title, 1f, counts, words, padded, TitleSalt);
    }

    [ThreadStatic] private static WordCounts? t_words;

    private static void AddText(FeaturizerSettings s, ReadOnlySpan<char> text, float weight, FeatureCounts counts, WordCounts words, Span<char> padded, uint salt)
    {
        if (weight <= 0) return;
        var mask = (uint)((1 << s.HashBits) - 1);
        var previous = 0u;
        var havePrevious = false;
        var i = 0;
        words.Clear();
        try
        {
            // Pass 1: bigrams as they come, distinct words counted.
            while (i < text.Length)
            {
                if (!IsWordChar(text[i]))
                {
                    i++;
                    continue;
                }
                var start = i;
                var h = SeedWord;
                while (i < text.Length && IsWordChar(text[i]))
                {
                    h = (h ^ Lower(text[i])) * Prime;
                    i++;
                }
                words.Add(h, start, weight);
                if (s.WordBigrams && havePrevious)
                    counts.Add((int)(Mix((previous * Prime) ^ h ^ SeedBigram ^ salt) & mask), weight);
                previous = h;
                havePrevious = true;
            }

            // Pass 2: each distinct word once: its unigram and its character n-grams, with the word's count.
            for (var w = 0; w < words.Count; w++)
            {
                var (h, start, count) = words.At(w);
                counts.Add((int)(Mix(h ^ salt) & mask), count);
                if (s.CharMax == 0 || s.CharsAcrossWords) continue;
                var length = 0;
                padded[0] = '<';
                for (var j = start; j < text.Length && IsWordChar(text[j]); j++)
                {
                    if (length < s.MaxWordChars) padded[length + 1] = Lower(text[j]);
                    length++;
                }
                var kept = Math.Min(length, s.MaxWordChars);
                // A truncated word gets no end mark: its true ending is unknown.
                var paddedLength = kept + (length <= s.MaxWordChars ? 2 : 1);
                if (length <= s.MaxWordChars) padded[kept + 1] = '>';
                for (var from = 0; from + s.CharMin <= paddedLength; from++)
                {
                    var g = SeedChar;
                    var end = Math.Min(paddedLength, from + s.CharMax);
                    for (var j = from; j < end; j++)
                    {
                        g = (g ^ padded[j]) * Prime;
                        if (j - from + 1 >= s.CharMin) counts.Add((int)(Mix(g ^ salt) & mask), count);
                    }
                }
            }

            if (s.CharMax > 0 && s.CharsAcrossWords) AddCharsAcrossWords(s, text, weight, counts, mask, salt);
        }
        finally
        {
            words.Clear();
        }
    }

    /// <summary>
    /// Character n-grams over the text as " word word word ": lower-cased, every run of non-word characters one
    /// space. A small ring of the last CharMax characters is enough; each position ends CharMax - CharMin + 1
    /// grams, hashed straight from the ring (no copy of the text, no substring).
    /// </summary>
    private static void AddCharsAcrossWords(FeaturizerSettings s, ReadOnlySpan<char> text, float weight, FeatureCounts counts, uint mask, uint salt)
    {
        Span<char> ring = stackalloc char[8];
        var n = 0; // characters emitted so far
        Emit(s, ' ', ring, ref n, weight, counts, mask, salt);
        var lastWasSpace = true;
        foreach (var c in text)
        {
            if (IsWordChar(c))
            {
                Emit(s, Lower(c), ring, ref n, weight, counts, mask, salt);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                Emit(s, ' ', ring, ref n, weight, counts, mask, salt);
                lastWasSpace = true;
            }
        }
        if (!lastWasSpace) Emit(s, ' ', ring, ref n, weight, counts, mask, salt);

        static void Emit(FeaturizerSettings s, char c, Span<char> ring, ref int n, float weight, FeatureCounts counts, uint mask, uint salt)
        {
            ring[n & 7] = c;
            n++;
            // Grams ending at this character, shortest first: hash backwards from the newest character.
            var longest = Math.Min(s.CharMax, n);
            var g = SeedChar;
            for (var len = 1; len <= longest; len++)
            {
                g = (g ^ ring[(n - len) & 7]) * Prime;
                if (len >= s.CharMin && !(len == 1 && c == ' ')) counts.Add((int)(Mix(g ^ (uint)len ^ salt) & mask), weight);
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
