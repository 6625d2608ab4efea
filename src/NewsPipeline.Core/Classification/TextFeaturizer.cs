using System.Runtime.CompilerServices;

namespace NewsPipeline.Core.Classification;

/// <summary>
/// Where features go. <see cref="Counted"/> features are summed per bucket and only then weighted by sublinear
/// TF; <see cref="Direct"/> features are already weighted and add up linearly, so a consumer may score them the
/// moment they arrive without a table (their norm weight is amount², see <see cref="FeaturizerSettings.CharGramsPerWord"/>).
/// </summary>
internal interface IFeatureSink
{
    void Counted(int bucket, float count);

    void Direct(int bucket, float amount);
}

/// <summary>
/// Hashed bag of n-grams: lower-cased word unigrams, word bigrams and character n-grams of each word with
/// boundary marks ("&lt;wo", "ord&gt;"). Hashing needs no vocabulary, so inference is one pass over the text with
/// no string allocation; training and inference share this code, so they cannot drift apart.
/// Generic over a struct sink so the JIT specialises and inlines the per-gram call for training and scoring alike.
/// </summary>
internal static class TextFeaturizer
{
    private const uint Prime = 16777619;
    private const uint SeedWord = 2166136261;
    private const uint SeedBigram = 0x5bd1e995;
    private const uint SeedChar = 0x27d4eb2f;
    private const uint SeedTrigram = 0x165667b1;
    private const uint TitleSalt = 0x9e3779b9;

    public static void Featurize<TSink>(FeaturizerSettings settings, ReadOnlySpan<char> title, ReadOnlySpan<char> body, ref TSink counts)
        where TSink : struct, IFeatureSink
    {
        var words = t_words ??= new WordCounts();
        Span<char> padded = stackalloc char[settings.MaxWordChars + 2];
        AddText(settings, title, settings.TitleWeight, ref counts, words, padded, 0);
        AddText(settings, body, 1f, ref counts, words, padded, 0);
        // The title once more in a feature space of its own: a word in a headline can mean more than in a body.
        if (settings.TitleFeatures) AddText(settings, title, 1f, ref counts, words, padded, TitleSalt);
    }

    /// <summary>
    /// The features of one text as training sees them: per bucket its value before IDF and its norm weight, so
    /// that value × IDF is the feature and √Σ normWeight × IDF² the norm it is divided by.
    /// </summary>
    public static (int[] Buckets, float[] Values, float[] NormWeights) Raw(FeaturizerSettings settings, ReadOnlySpan<char> title, ReadOnlySpan<char> body)
    {
        var sink = new CollectingSink(new FeatureCounts(), new FeatureCounts(), new FeatureCounts());
        Featurize(settings, title, body, ref sink);
        // Counted features join the direct ones here, after summing, exactly as scoring adds them.
        for (var i = 0; i < sink.CountedFeatures.Count; i++)
        {
            var (bucket, count) = sink.CountedFeatures.At(i);
            var v = SublinearTf(count);
            sink.Values.Add(bucket, v);
            sink.Squares.Add(bucket, v * v);
        }
        var n = sink.Values.Count;
        var buckets = new int[n];
        var values = new float[n];
        var norms = new float[n];
        // Both tables saw the same keys in the same order, so their i-th entries are the same bucket.
        for (var i = 0; i < n; i++)
        {
            (buckets[i], values[i]) = sink.Values.At(i);
            norms[i] = sink.Squares.At(i).Value;
        }
        return (buckets, values, norms);
    }

    private readonly struct CollectingSink(FeatureCounts counted, FeatureCounts values, FeatureCounts squares) : IFeatureSink
    {
        public FeatureCounts CountedFeatures => counted;

        public FeatureCounts Values => values;

        public FeatureCounts Squares => squares;

        public void Counted(int bucket, float count) => counted.Add(bucket, count);

        public void Direct(int bucket, float amount)
        {
            values.Add(bucket, amount);
            squares.Add(bucket, amount * amount);
        }
    }

    [ThreadStatic] private static WordCounts? t_words;

    private static void AddText<TSink>(FeaturizerSettings s, ReadOnlySpan<char> text, float weight, ref TSink counts, WordCounts words, Span<char> padded, uint salt)
        where TSink : struct, IFeatureSink
    {
        if (weight <= 0) return;
        var mask = (uint)((1 << s.HashBits) - 1);
        var previous = 0u;
        var previous2 = 0u;
        var seen = 0;
        var i = 0;
        words.Clear();
        try
        {
            // Pass 1: bigrams as they come, distinct words counted.
            while (i < text.Length)
            {
                var c = WordChar(text[i]);
                if (c == '\0')
                {
                    i++;
                    continue;
                }
                var start = i;
                var h = SeedWord;
                do
                {
                    h = (h ^ c) * Prime;
                    i++;
                }
                while (i < text.Length && (c = WordChar(text[i])) != '\0');
                words.Add(h, start, weight);
                if (s.WordBigrams && seen >= 1)
                    counts.Counted((int)(Mix((previous * Prime) ^ h ^ SeedBigram ^ salt) & mask), weight);
                if (s.WordTrigrams && seen >= 2)
                    counts.Counted((int)(Mix((((previous2 * Prime) ^ previous) * Prime) ^ h ^ SeedTrigram ^ salt) & mask), weight);
                previous2 = previous;
                previous = h;
                seen++;
            }

            // Pass 2: each distinct word once: its unigram and its character n-grams, with the word's count.
            for (var w = 0; w < words.Count; w++)
            {
                var (h, start, count) = words.At(w);
                counts.Counted((int)(Mix(h ^ salt) & mask), count);
                if (s.CharMax == 0 || s.CharsAcrossWords) continue;
                if (s.CharGramsPerWord)
                {
                    AddWordGrams(s, text, start, SublinearTf(count) * s.CharWeight, ref counts, padded, mask, salt);
                    continue;
                }
                var paddedLength = PadWord(text, start, padded, s.MaxWordChars);
                for (var from = 0; from + s.CharMin <= paddedLength; from++)
                {
                    var g = SeedChar;
                    var end = Math.Min(paddedLength, from + s.CharMax);
                    for (var j = from; j < end; j++)
                    {
                        g = (g ^ padded[j]) * Prime;
                        if (j - from + 1 >= s.CharMin) counts.Counted((int)(Mix(g ^ salt) & mask), count);
                    }
                }
            }

            if (s.CharMax > 0 && s.CharsAcrossWords) AddCharsAcrossWords(s, text, weight, ref counts, mask, salt);
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
    private static void AddCharsAcrossWords<TSink>(FeaturizerSettings s, ReadOnlySpan<char> text, float weight, ref TSink counts, uint mask, uint salt)
        where TSink : struct, IFeatureSink
    {
        Span<char> ring = stackalloc char[8];
        var n = 0; // characters emitted so far
        Emit(s, ' ', ring, ref n, weight, ref counts, mask, salt);
        var lastWasSpace = true;
        foreach (var c in text)
        {
            if (WordChar(c) is var lower and not '\0')
            {
                Emit(s, lower, ring, ref n, weight, ref counts, mask, salt);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                Emit(s, ' ', ring, ref n, weight, ref counts, mask, salt);
                lastWasSpace = true;
            }
        }
        if (!lastWasSpace) Emit(s, ' ', ring, ref n, weight, ref counts, mask, salt);

        static void Emit(FeaturizerSettings s, char c, Span<char> ring, ref int n, float weight, ref TSink counts, uint mask, uint salt)
        {
            ring[n & 7] = c;
            n++;
            // Grams ending at this character, shortest first: hash backwards from the newest character.
            var longest = Math.Min(s.CharMax, n);
            var g = SeedChar;
            for (var len = 1; len <= longest; len++)
            {
                g = (g ^ ring[(n - len) & 7]) * Prime;
                if (len >= s.CharMin && !(len == 1 && c == ' ')) counts.Counted((int)(Mix(g ^ (uint)len ^ salt) & mask), weight);
            }
        }
    }

    /// <summary>
    /// Writes the lower-cased word starting at <paramref name="start"/> into <paramref name="padded"/> between boundary
    /// marks ('&lt;' … '&gt;'), at most <paramref name="maxWordChars"/> characters, and returns the padded length.
    /// </summary>
    private static int PadWord(ReadOnlySpan<char> text, int start, Span<char> padded, int maxWordChars)
    {
        var length = 0;
        padded[0] = '<';
        for (var j = start; j < text.Length && WordChar(text[j]) is var c and not '\0'; j++)
        {
            if (length < maxWordChars) padded[length + 1] = c;
            length++;
        }
        var kept = Math.Min(length, maxWordChars);
        // A truncated word gets no end mark: its true ending is unknown.
        if (length > maxWordChars) return kept + 1;
        padded[kept + 1] = '>';
        return kept + 2;
    }

    /// <summary>
    /// The character n-grams of one distinct word as direct features of weight tf (its sublinear count), hashed
    /// straight from the text: the word is lower-cased once into <paramref name="padded"/> with its boundary marks.
    /// </summary>
    private static void AddWordGrams<TSink>(FeaturizerSettings s, ReadOnlySpan<char> text, int start, float tf, ref TSink counts, Span<char> padded, uint mask, uint salt)
        where TSink : struct, IFeatureSink
    {
        var word = padded[..PadWord(text, start, padded, s.MaxWordChars)];
        int charMin = s.CharMin, charMax = s.CharMax;
        // A local copy lets the JIT keep the sink's accumulators in registers across the loop.
        var sink = counts;
        for (var from = 0; from + charMin <= word.Length; from++)
        {
            var g = SeedChar;
            var end = Math.Min(word.Length, from + charMax);
            for (var j = from; j < end; j++)
            {
                g = (g ^ word[j]) * Prime;
                if (j - from + 1 >= charMin) sink.Direct((int)(Mix(g ^ salt) & mask), tf);
            }
        }
        counts = sink;
    }

    /// <summary>The character lower-cased if it belongs to a word (letter or digit), else '\0': one test per character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char WordChar(char c) => c < 128 ? (char)AsciiWordChars[c] : NonAsciiWordChar(c);

    private static char NonAsciiWordChar(char c) => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';

    private static ReadOnlySpan<byte> AsciiWordChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', 0, 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
        0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
        (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
    ];

    /// <summary>Murmur3's finaliser: FNV's low bits are weak, and the bucket is taken from the low bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
