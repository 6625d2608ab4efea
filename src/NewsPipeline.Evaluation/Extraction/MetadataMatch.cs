using System.Globalization;

namespace NewsPipeline.Evaluation.Extraction;

/// <summary>What a dataset row asserts about a page's metadata; a null field asserts nothing.</summary>
public sealed record MetadataGold(
    IReadOnlyList<string>? Authors,
    string? Published,
    bool PublishedIsInstant,
    string? SiteName,
    string? Language)
{
    public bool IsEmpty => Authors is null && Published is null && SiteName is null && Language is null;
}

/// <summary>The output fields metadata is scored on.</summary>
public sealed record MetadataOutput(
    string? Title,
    string? Byline,
    IReadOnlyList<string> Authors,
    string? Source,
    DateTimeOffset? Published,
    string? Language);

/// <summary>Per-field matches of one page; null where the gold asserts nothing.</summary>
public sealed record MetadataScore(
    bool? TitleContains,
    bool? Author,
    bool? Date,
    bool? DateZone,
    bool? Site,
    bool? Language);

/// <summary>
/// The match rules of ../shared/data/metadata-dev/README.md. Title (exact, case-folded, whitespace collapsed) is
/// <see cref="TitleMatch"/>; "contains" accepts either containing the other. Author: any gold name contained in the
/// output byline or one of its authors. Date: the output's own calendar date (in its offset) equals the gold's;
/// allowing time zones, the gold instant shown in the output's offset, or any offset from UTC−12 to UTC+14 when the
/// output carries no zone (a date-only value, read as midnight UTC). Site: output source equals the site name.
/// Language: the primary subtags agree. Rejected pages score a miss on every field the gold asserts.
/// </summary>
public static class MetadataMatch
{
    public static MetadataScore Score(MetadataOutput? output, string? goldTitle, MetadataGold gold) => new(
        goldTitle is null ? null : TitleContains(output?.Title, goldTitle),
        gold.Authors is { Count: > 0 } names ? output is not null && AuthorMatches(output, names) : null,
        gold.Published is null ? null : output?.Published is { } d && DateMatches(d, gold.Published),
        gold.Published is null ? null : output?.Published is { } z && DateMatchesAnyZone(z, gold.Published, gold.PublishedIsInstant),
        gold.SiteName is null ? null : Same(output?.Source, gold.SiteName),
        gold.Language is null ? null : LanguageMatches(output?.Language, gold.Language));

    public static bool TitleContains(string? extracted, string gold)
    {
        if (extracted is null)
            return false;
        var a = SnippetMatch.CollapseWhitespace(extracted);
        var b = SnippetMatch.CollapseWhitespace(gold);
        return a.Length > 0 && (a.Contains(b, StringComparison.OrdinalIgnoreCase) || b.Contains(a, StringComparison.OrdinalIgnoreCase));
    }

    public static bool AuthorMatches(MetadataOutput output, IReadOnlyList<string> goldNames)
    {
        var outputs = output.Authors.Append(output.Byline).OfType<string>().Select(SnippetMatch.CollapseWhitespace).ToList();
        return goldNames.Select(SnippetMatch.CollapseWhitespace).Where(n => n.Length > 0)
            .Any(name => outputs.Any(o => o.Contains(name, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The gold's calendar date is the first ten characters it is written with (YYYY-MM-DD).</summary>
    public static bool DateMatches(DateTimeOffset output, string gold) =>
        gold.Length >= 10 && output.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) == gold[..10];

    public static bool DateMatchesAnyZone(DateTimeOffset output, string gold, bool goldIsInstant)
    {
        if (DateMatches(output, gold))
            return true;
        if (!goldIsInstant || !DateTimeOffset.TryParse(gold, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return false;
        var outputDate = DateOnly.FromDateTime(output.DateTime);
        if (!HasNoZone(output))
            return DateOnly.FromDateTime(instant.ToOffset(output.Offset).DateTime) == outputDate;
        for (var hours = -12; hours <= 14; hours++)
            if (DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(hours)).DateTime) == outputDate)
                return true;
        return false;
    }

    // A date written without a time is read as midnight UTC: it says nothing of a zone.
    private static bool HasNoZone(DateTimeOffset value) => value.Offset == TimeSpan.Zero && value.TimeOfDay == TimeSpan.Zero;

    private static bool Same(string? output, string gold) =>
        output is not null && string.Equals(SnippetMatch.CollapseWhitespace(output), SnippetMatch.CollapseWhitespace(gold), StringComparison.OrdinalIgnoreCase);

    private static bool LanguageMatches(string? output, string gold) =>
        output is not null && string.Equals(Primary(output), Primary(gold), StringComparison.OrdinalIgnoreCase);

    private static string Primary(string tag) => tag.Trim().Split('-', '_')[0];
}
