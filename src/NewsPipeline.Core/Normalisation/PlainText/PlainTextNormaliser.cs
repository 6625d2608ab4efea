using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Normalisation.PlainText;

/// <summary>
/// Plain text → article. Handles both a clean article saved as text (title line, paragraphs, the seed's widget
/// debris and site trailer) and a whole page saved as text (every visible block on its own line: menus, share bars,
/// comments). Steps: split into lines (joining hard-wrapped paragraphs), clean each line (<see cref="TextHygiene"/>),
/// take out metadata lines (contributor notes, site trailers, bylines), locate the article (<see cref="BodyLocator"/>),
/// then choose the title: the headline just above the article, else the first line.
/// </summary>
public sealed partial class PlainTextNormaliser
{
    private const double MaxTitleUnits = 40;
    private const int TitleSearchLines = 8;
    private const int MetadataSearchLines = 12;

    private readonly Func<string, bool>? isKnownBoilerplate;

    /// <param name="isKnownBoilerplate">Optional: lines learned as boilerplate (recurring across a source's articles).</param>
    public PlainTextNormaliser(Func<string, bool>? isKnownBoilerplate = null) => this.isKnownBoilerplate = isKnownBoilerplate;

    public NormalisationResult Normalise(string text)
    {
        var lines = SplitLines(text);
        if (lines.Count == 0)
            return NormalisationResult.Failure("no article text");

        var excluded = new HashSet<int>();
        var contributors = new List<string>();
        string? source = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Text;
            if (line.Length > 200) continue;
            if (LinePatterns.ContributorNote().Match(line) is { Success: true } note)
            {
                excluded.Add(i);
                foreach (var name in SplitNames(note.Groups["who"].Value))
                    if (!contributors.Contains(name, StringComparer.OrdinalIgnoreCase)) contributors.Add(name);
            }
            else if (LinePatterns.SiteTrailer().Match(line) is { Success: true } trailer)
            {
                excluded.Add(i);
                source ??= trailer.Groups["site"].Value.Trim();
            }
            else if (isKnownBoilerplate is not null && isKnownBoilerplate(line))
            {
                excluded.Add(i);
            }
        }
        // The first line of a saved page or article is its title (or the site's name): never body unless it is prose.
        if (IsTitleLike(lines[0]) && lines.Count > 1)
            excluded.Add(0);

        var region = BodyLocator.Locate(lines, excluded);
        if (region.IsEmpty)
            return FallBackToAllText(lines, excluded, source, contributors);

        var (title, titleSite) = ChooseTitle(lines, region.Start, excluded);
        var (byline, authors, published) = FindByline(lines, region.Start);
        var paragraphs = new List<string>();
        for (var i = region.Start; i <= region.End; i++)
            if (region.Kinds[i] is LineKind.Good or LineKind.Near && !IsBylineLine(lines[i].Text))
                paragraphs.Add(lines[i].Text);
        var body = string.Join(TextHygiene.ParagraphSeparator, paragraphs);
        if (body.Length == 0)
            return NormalisationResult.Failure("no article text");
        return NormalisationResult.Success(ArticleFacts.Complete(
            title, body, byline, authors, source ?? titleSite, contributors, null, published, null));
    }

    private static NormalisationResult FallBackToAllText(List<TextLine> lines, HashSet<int> excluded, string? source, List<string> contributors)
    {
        // Nothing reads like prose (a list, a table, a short note): keep every line that is not known noise.
        var kept = lines.Where((l, i) => !excluded.Contains(i) && !LinePatterns.Debris().IsMatch(l.Text)).Select(l => l.Text).ToList();
        var title = excluded.Contains(0) ? lines[0].Text : "";
        if (kept.Count == 0)
            return NormalisationResult.Failure("no article text");
        return NormalisationResult.Success(ArticleFacts.Complete(
            title, string.Join(TextHygiene.ParagraphSeparator, kept), null, [], source, contributors, null, null, null));
    }

    private static bool IsTitleLike(TextLine line) =>
        line.Units is >= 1 and <= MaxTitleUnits && !line.Text.EndsWith('.') && !LinePatterns.Debris().IsMatch(line.Text);

    private static (string Title, string? Site) ChooseTitle(List<TextLine> lines, int bodyStart, HashSet<int> excluded)
    {
        // The headline sits just above the article, past bylines, dates and widget debris.
        for (var i = bodyStart - 1; i >= 0 && i >= bodyStart - TitleSearchLines; i--)
        {
            var line = lines[i];
            var text = line.Text;
            if (line.Units < 3 || line.Units > MaxTitleUnits || text.EndsWith('.') || IsBylineLine(text)
                || LinePatterns.Debris().IsMatch(text) || LinePatterns.Marker().IsMatch(text)
                || (line.Units <= 10 && LinePatterns.DateOrTime().IsMatch(text))
                || (excluded.Contains(i) && i != 0))
                continue;
            return SplitSiteSuffix(text, lines[0].Text);
        }
        return excluded.Contains(0) ? SplitSiteSuffix(lines[0].Text, lines[0].Text) : ("", null);
    }

    /// <summary>"Headline | Site" → ("Headline", "Site"), when the page title (first line) carries the same suffix or the line is the first line.</summary>
    private static (string Title, string? Site) SplitSiteSuffix(string title, string firstLine)
    {
        var match = LinePatterns.TitleSiteSuffix().Match(title);
        if (!match.Success)
        {
            // The headline is clean; the page title may still name the site: "Headline – BGR".
            var page = LinePatterns.TitleSiteSuffix().Match(firstLine);
            return page.Success && string.Equals(page.Groups["title"].Value, title, StringComparison.OrdinalIgnoreCase)
                ? (title, page.Groups["site"].Value.Trim())
                : (title, null);
        }
        var site = match.Groups["site"].Value.Trim();
        return site.Split(' ').Length <= 4 ? (match.Groups["title"].Value.Trim(), site) : (title, null);
    }

    private static (string? Byline, IReadOnlyList<string> Authors, DateTimeOffset? Published) FindByline(List<TextLine> lines, int bodyStart)
    {
        string? byline = null;
        IReadOnlyList<string> authors = [];
        DateTimeOffset? published = null;
        var from = Math.Max(0, bodyStart - MetadataSearchLines);
        for (var i = from; i <= Math.Min(lines.Count - 1, bodyStart + 1); i++)
        {
            var text = lines[i].Text;
            if (lines[i].Units > 25) continue;
            if (byline is null && LinePatterns.Byline().Match(text) is { Success: true } match)
            {
                var names = SplitNames(LinePatterns.BylineTail().Replace(match.Groups["names"].Value, ""));
                if (names.Count > 0 && names.All(LooksLikeName))
                {
                    byline = text;
                    authors = names;
                }
            }
            if (published is null && i < bodyStart && lines[i].Units <= 16)
                published = DateFinder.Find(text);
        }
        return (byline, authors, published);
    }

    private static bool IsBylineLine(string text) =>
        text.Length <= 160 && LinePatterns.Byline().Match(text) is { Success: true } match
        && SplitNames(LinePatterns.BylineTail().Replace(match.Groups["names"].Value, "")) is { Count: > 0 } names
        && names.All(LooksLikeName);

    private static List<string> SplitNames(string names) =>
        LinePatterns.NameSeparator().Split(names.Trim().TrimEnd('.'))
            .Select(n => n.Trim())
            .Where(n => n.Length > 1)
            .ToList();

    // A person or organisation: one to six words, each capitalised (or a particle such as "de", "van", "al").
    private static bool LooksLikeName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 6
            && char.IsUpper(words[0][0])
            && words.All(w => char.IsUpper(w[0]) || w.Length <= 3 || !char.IsLetter(w[0]));
    }

    /// <summary>Non-empty cleaned lines; blocks of hard-wrapped lines (blank-line separated, wrapped near one width) are joined.</summary>
    private static List<TextLine> SplitLines(string text)
    {
        var result = new List<TextLine>();
        foreach (var block in BlankLines().Split(text))
        {
            var raw = block.Split('\n');
            if (IsHardWrapped(raw))
            {
                Add(result, string.Join(' ', raw));
                continue;
            }
            foreach (var line in raw)
                Add(result, line);
        }
        return result;
    }

    private static void Add(List<TextLine> lines, string raw)
    {
        var clean = TextHygiene.CleanParagraph(raw);
        clean = StripBullet(clean);
        if (clean.Length > 0)
            lines.Add(TextLine.Measure(clean));
    }

    private static string StripBullet(string line) =>
        line.Length > 1 && line[0] is '•' or '·' or '▪' or '►' or '‣' or '◦' ? line[1..].TrimStart() : line;

    // A paragraph wrapped at a fixed width: every line but the last long and within a narrow band of lengths.
    private static bool IsHardWrapped(string[] lines)
    {
        if (lines.Length < 2) return false;
        int min = int.MaxValue, max = 0, counted = 0;
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var length = lines[i].TrimEnd().Length;
            if (length == 0) return false;
            min = Math.Min(min, length);
            max = Math.Max(max, length);
            counted++;
        }
        return counted > 0 && min >= 40 && max <= 100 && max - min <= 25;
    }

    [GeneratedRegex(@"\r?\n[ \t]*(?:\r?\n[ \t]*)+|\r(?!\n)", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();
}
