using System.Globalization;

namespace NewsPipeline.FaultTests;

/// <summary>Generated articles: distinct small stories, different enough that none is a near-duplicate of another.</summary>
internal static class Articles
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sa", "do", "fu", "gi", "ha", "ju", "be", "co", "la", "mo", "ri"];

    /// <summary>Writes <paramref name="count"/> files article-NNNNN.txt numbered from <paramref name="first"/>; the same arguments give the same files.</summary>
    public static void Write(string folder, int count, int first)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(42 + first);
        var words = Words(random);
        string Some(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
        static string Capitalised(string s) => char.ToUpperInvariant(s[0]) + s[1..];
        for (var i = first; i < first + count; i++)
        {
            var title = Capitalised(Some(6));
            var paragraphs = Enumerable.Range(0, 3).Select(_ => Capitalised(Some(random.Next(40, 71))) + ".");
            File.WriteAllText(Path.Combine(folder, $"article-{i.ToString("D5", CultureInfo.InvariantCulture)}.txt"),
                $"{title} (story {i.ToString(CultureInfo.InvariantCulture)})\n\n{string.Join("\n\n", paragraphs)}\n");
        }
    }

    private static string[] Words(Random random)
    {
        const string dictionary = "/usr/share/dict/words";
        if (File.Exists(dictionary) && File.ReadAllLines(dictionary) is { Length: >= 5000 } lines)
            return [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0)];
        var words = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20000; i++)
            words.Add(string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Syllables[random.Next(Syllables.Length)])));
        return [.. words];
    }
}
