using System.Collections.Frozen;
using System.Text;

namespace NewsPipeline.Core.Normalisation;

/// <summary>
/// A cheap ISO 639-1 guess: the writing system decides for scripts used by one language (or a family handled here by
/// its main member); for Latin text the language whose most frequent function words cover most tokens wins.
/// Returns null when the text is too short or nothing stands out. Good enough to route and report, not a classifier.
/// </summary>
public static class LanguageGuesser
{
    private const int SampleChars = 1500; // a few sentences decide; more only costs time
    private const int MinTokens = 5;

    private static readonly (string Code, FrozenSet<string> Words)[] Latin =
    [
        ("en", Set("the of and to in is that for it with as was on are be by this from have has not at but an they said")),
        ("de", Set("der die und das ist nicht den von zu mit sich des auf für im dem ein eine auch es als wird werden")),
        ("fr", Set("le la les et est des une un du pas pour dans que qui sur au avec il elle ce sont par plus ont")),
        ("es", Set("el la los las y es del que en por con para una un se al lo como su sus más pero fue son")),
        ("it", Set("il lo gli della di che non per una sono del nel con si da ha le più anche come alla è")),
        ("pt", Set("o os da do dos das em para com não uma um por na no que se mais foi como ao à são é")),
        ("nl", Set("de het een en van is dat op te in voor niet met zijn er ook aan bij als door naar")),
        ("sv", Set("och att det som är en på för med av den till har inte om var ett jag men")),
        ("pl", Set("i w na nie z się że do jest to jak o po co ale przez od za tak")),
        ("id", Set("yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ada ke oleh")),
        ("tr", Set("ve bir bu da de için ile olarak çok daha gibi olan en ama kadar sonra")),
    ];

    // word → bit set of the languages listing it: one lookup per token instead of one per language.
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> LanguagesOfWord = Latin
        .SelectMany((language, index) => language.Words.Select(word => (word, bit: 1 << index)))
        .GroupBy(x => x.word, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.Aggregate(0, (mask, x) => mask | x.bit), StringComparer.Ordinal)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    public static string? Guess(string text)
    {
        var sample = text.Length > SampleChars ? text[..SampleChars] : text;
        var scripts = new int[8];
        var letters = 0;
        foreach (var rune in sample.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) continue;
            letters++;
            var v = rune.Value;
            if (v is >= 0x3040 and <= 0x30FF) scripts[0]++;          // kana: Japanese
            else if (v is >= 0x4E00 and <= 0x9FFF) scripts[1]++;     // Han: Chinese unless kana present
            else if (v is >= 0xAC00 and <= 0xD7AF) scripts[2]++;     // Hangul
            else if (v is >= 0x0400 and <= 0x04FF) scripts[3]++;     // Cyrillic
            else if (v is >= 0x0600 and <= 0x06FF) scripts[4]++;     // Arabic
            else if (v is >= 0x0370 and <= 0x03FF) scripts[5]++;     // Greek
            else if (v is >= 0x0590 and <= 0x05FF) scripts[6]++;     // Hebrew
            else if (v is >= 0x0E00 and <= 0x0E7F) scripts[7]++;     // Thai
        }
        if (letters < 10) return null;
        if (scripts[0] > letters / 20) return "ja";
        if (scripts[1] > letters / 3) return "zh";
        string[] codes = ["ja", "zh", "ko", "ru", "ar", "el", "he", "th"];
        for (var i = 2; i < scripts.Length; i++)
            if (scripts[i] > letters / 2) return codes[i];
        return GuessLatin(sample);
    }

    private static string? GuessLatin(string sample)
    {
        Span<int> hits = stackalloc int[Latin.Length];
        var tokens = 0;
        Span<char> lower = stackalloc char[16];
        var start = -1;
        for (var i = 0; i <= sample.Length; i++)
        {
            if (i < sample.Length && char.IsLetter(sample[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start < 0) continue;
            var word = sample.AsSpan(start, i - start);
            start = -1;
            tokens++;
            if (word.Length > lower.Length) continue;
            var length = word.ToLowerInvariant(lower);
            if (!LanguagesOfWord.TryGetValue(lower[..length], out var mask)) continue;
            for (var l = 0; mask != 0; l++, mask >>= 1)
                if ((mask & 1) != 0) hits[l]++;
        }
        if (tokens < MinTokens) return null;
        var best = 0;
        for (var l = 1; l < hits.Length; l++)
            if (hits[l] > hits[best]) best = l;
        // Function words make up a third or more of running text; below ~8% the guess is noise (lists, names, code).
        return hits[best] * 12 >= tokens ? Latin[best].Code : null;
    }

    private static FrozenSet<string> Set(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
