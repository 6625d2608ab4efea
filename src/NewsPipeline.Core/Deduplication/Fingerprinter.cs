using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// Exact key and MinHash signature of a body. The text is canonicalised first (Unicode NFKC, lower case, only the
/// <c>\w+</c> words kept, one space between them), so copies that differ only in whitespace, case or punctuation
/// get the same exact key, and near-duplicate similarity is measured on words, not layout.
/// </summary>
public sealed class Fingerprinter : IFingerprinter
{
    // One seeded family of xor/multiply permutations shared by every process: the values must never change
    // (stored signatures are compared with new ones), so they come from a fixed-seed generator, not Random.Shared.
    private static readonly ulong[] Xors = new ulong[MinHashScheme.HashCount];
    private static readonly ulong[] Multipliers = new ulong[MinHashScheme.HashCount];

    static Fingerprinter()
    {
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < MinHashScheme.HashCount; i++)
        {
            Xors[i] = SplitMix(ref state);
            Multipliers[i] = SplitMix(ref state) | 1;
        }
    }

    public Fingerprint Compute(string body)
    {
        var tokens = Tokens(body);
        var shingles = ShingleHashes(tokens);
        var signature = new uint[MinHashScheme.SignatureLength];
        signature[0] = (uint)shingles.Count;
        var minima = signature.AsSpan(1);
        minima.Fill(uint.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < minima.Length; i++)
            {
                var value = (uint)(((shingle ^ Xors[i]) * Multipliers[i]) >> 32);
                if (value < minima[i])
                    minima[i] = value;
            }
        }
        return new Fingerprint(ExactKey(tokens), signature);
    }

    /// <summary>The canonical text as the exact key sees it: lower-cased <c>\w+</c> words joined by one space.</summary>
    public static string Canonical(string text) => string.Join(' ', Tokens(text));

    /// <summary>Distinct shingle hashes of a text (for exact Jaccard in evaluation reports).</summary>
    public static HashSet<ulong> Shingles(string text) => ShingleHashes(Tokens(text));

    internal static List<string> Tokens(string text)
    {
        if (!text.IsNormalized(NormalizationForm.FormKC))
            text = text.Normalize(NormalizationForm.FormKC);
        var tokens = new List<string>(text.Length / 5);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && IsWordChar(text[i]))
            {
                if (start < 0)
                    start = i;
            }
            else if (start >= 0)
            {
                tokens.Add(text.AsSpan(start, i - start).ToString().ToLowerInvariant());
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>Distinct 64-bit hashes of the word shingles; a text shorter than a shingle is one shingle.</summary>
    internal static HashSet<ulong> ShingleHashes(List<string> tokens)
    {
        var wordHashes = new ulong[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
            wordHashes[i] = WordHash(tokens[i]);
        var set = new HashSet<ulong>();
        if (tokens.Count == 0)
            return set;
        var size = Math.Min(MinHashScheme.ShingleSize, tokens.Count);
        for (var start = 0; start + size <= tokens.Count; start++)
        {
            var h = 0x51_7C_C1_B7_27_22_0A_95UL;
            for (var j = 0; j < size; j++)
                h = Mix(BitOperations.RotateLeft(h, 23) ^ wordHashes[start + j]);
            set.Add(h);
        }
        return set;
    }

    private static string ExactKey(List<string> tokens)
    {
        var canonical = Encoding.UTF8.GetBytes(string.Join(' ', tokens));
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    // \w in .NET: letters, decimal digits, connector punctuation and non-spacing marks.
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
        or UnicodeCategory.LetterNumber;

    // FNV-1a over UTF-16 units, finished with a strong mixer: cheap and stable across processes (string.GetHashCode is not).
    private static ulong WordHash(string word)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in word)
            h = (h ^ c) * 0x100000001B3UL;
        return Mix(h);
    }

    /// <summary>MurmurHash3's 64-bit finaliser.</summary>
    internal static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB93FE53BCD63UL;
        h ^= h >> 33;
        return h;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
