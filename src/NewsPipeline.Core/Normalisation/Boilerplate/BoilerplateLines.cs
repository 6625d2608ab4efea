namespace NewsPipeline.Core.Normalisation.Boilerplate;

/// <summary>Hashing rules shared by every <see cref="IBoilerplateStore"/> implementation.</summary>
public static class BoilerplateLines
{
    /// <summary>Lines shorter than this many words are menus and labels, handled without learning.</summary>
    public const double MinUnits = 5;

    /// <summary>Longer lines are prose; a recurring one is a syndicated paragraph more often than furniture.</summary>
    public const double MaxUnits = 60;

    /// <summary>Different articles a line must appear in before it counts as boilerplate.</summary>
    public const int DefaultMinArticles = 3;

    /// <summary>FNV-1a (64-bit) of the line, case-folded: stable across processes and versions, unlike string.GetHashCode.</summary>
    public static ulong Hash(string line)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in line)
        {
            hash ^= char.ToLowerInvariant(c);
            hash *= 1099511628211UL;
        }
        return hash;
    }

    /// <summary>
    /// The article's identity for learning: the hash of its longest line. Copies of one story (syndication, the same
    /// file twice) share their longest paragraph, so their common lines never count as recurring "across articles".
    /// </summary>
    public static ulong Signature(IEnumerable<string> lines)
    {
        var longest = "";
        foreach (var line in lines)
            if (line.Length > longest.Length) longest = line;
        return Hash(longest);
    }
}
