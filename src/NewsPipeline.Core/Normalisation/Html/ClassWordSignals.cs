using System.Collections.Concurrent;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>What the class/id patterns of <see cref="BoilerplatePatterns"/> say about one class or id word.</summary>
[Flags]
internal enum ClassSignals : byte
{
    None = 0,
    Unlikely = 1,
    MaybeCandidate = 2,
    Negative = 4,
    Positive = 8,
}

/// <summary>
/// The furniture patterns are long unanchored alternations, and matching them against every class attribute was the
/// extractor's largest cost after the parse. None of them spans whitespace (the ad words are delimited by whitespace,
/// start or end), so a class list matches exactly when one of its words does; words repeat within and across pages
/// ("container", "row", "entry-content"), so each word is matched once per process and remembered.
/// </summary>
internal static class ClassWordSignals
{
    // Bounded so that pages with generated words (hashes, per-post ids) cannot grow the cache without limit;
    // past the bound new words are matched every time, which is only slower.
    private const int Capacity = 200_000;

    private static readonly ConcurrentDictionary<string, ClassSignals> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ClassSignals>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _count;

    /// <summary>The union of the signals of the value's whitespace-separated words; None for null or empty.</summary>
    public static ClassSignals Of(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return ClassSignals.None;
        var signals = ClassSignals.None;
        var span = value.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && !char.IsWhiteSpace(span[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                signals |= OfWord(span[start..i]);
                start = -1;
            }
        }
        return signals;
    }

    private static ClassSignals OfWord(ReadOnlySpan<char> word)
    {
        if (Lookup.TryGetValue(word, out var known))
            return known;
        var signals = BoilerplatePatterns.MatchWord(word);
        if (Volatile.Read(ref _count) < Capacity && Lookup.TryAdd(word, signals))
            Interlocked.Increment(ref _count);
        return signals;
    }
}
