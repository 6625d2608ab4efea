using System.Text;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Core.Normalisation.PlainText;

/// <summary>
/// Plain text → article. Handles both a clean article saved as text (title line, paragraphs, the seed's widget
/// debris and site trailer) and a whole page saved as text (every visible block on its own line: menus, share bars,
/// comments). Steps: split into lines (joining hard-wrapped paragraphs), clean each line (<see cref="TextHygiene"/>),
/// take out metadata lines (contributor notes, site trailers, bylines), locate the article (<see cref="BodyLocator"/>),
/// then choose the title: the headline just above the article, else the first line.
/// </summary>
public sealed class PlainTextNormaliser
{
    private const double MaxTitleUnits = 40;
    private const int TitleSearchLines = 8;
    private const int RepeatedTitleSearchLines = 60;
    private const int MetadataSearchLines = 12;

    private const double MaxLearnedShare = 0.5;

    private readonly IBoilerplateStore? _boilerplate;

    /// <param name="boilerplate">Optional: learned boilerplate, consulted and taught by every article.</param>
    public PlainTextNormaliser(IBoilerplateStore? boilerplate = null) => _boilerplate = boilerplate;

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
            if (MayBeContributorNote(line) && LinePatterns.ContributorNote().Match(line) is { Success: true } note)
            {
                excluded.Add(i);
                foreach (var name in SplitNames(note.Groups["who"].Value))
                    if (!contributors.Contains(name, StringComparer.OrdinalIgnoreCase)) contributors.Add(name);
            }
            else if (MayBeSiteTrailer(line) && LinePatterns.SiteTrailer().Match(line) is { Success: true } trailer)
            {
                excluded.Add(i);
                source ??= trailer.Groups["site"].Value.Trim();
            }
        }
        var candidates = _boilerplate is null ? null : ExcludeLearnedBoilerplate(lines, excluded);
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
        if (candidates is { Count: > 0 })
            _boilerplate!.Observe(new BoilerplateObservation(BoilerplateLines.Signature(paragraphs), candidates));
        return NormalisationResult.Success(ArticleFacts.Complete(
            title, body, byline, authors, SiteOrNull(source) ?? SiteOrNull(titleSite), contributors, null, published, null));
    }

    /// <summary>
    /// A site name is a short name: not a phone number, a link label ("Read More »»"), a tag list, a sentence or a
    /// subtitle ("And They're Not Great"); "Source: X" is X.
    /// </summary>
    internal static string? SiteOrNull(string? site)
    {
        if (site is null)
            return null;
        site = LinePatterns.SourceLabel().Replace(site.Trim(), "").Trim().TrimEnd('.');
        var words = site.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 5 || site.Length > 40 || !MostlyLetters(site) || site.Count(char.IsDigit) > 2
            || LinePatterns.Chrome().IsMatch(site) || LinePatterns.Marker().IsMatch(site) || site.Contains(". ", StringComparison.Ordinal)
            || site.Contains('»', StringComparison.Ordinal) || site.Contains(':', StringComparison.Ordinal) || LinePatterns.Conjunction().IsMatch(site))
            return null;
        return site;
    }

    /// <summary>Excludes lines learned as boilerplate; returns the hashes of this page's candidate lines, to learn from.</summary>
    private List<ulong> ExcludeLearnedBoilerplate(List<TextLine> lines, HashSet<int> excluded)
    {
        var candidates = new List<ulong>();
        var learned = new List<int>();
        double candidateUnits = 0, learnedUnits = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Units is < BoilerplateLines.MinUnits or > BoilerplateLines.MaxUnits) continue;
            var hash = BoilerplateLines.Hash(line.Text);
            candidates.Add(hash);
            candidateUnits += line.Units;
            if (!_boilerplate!.IsBoilerplate(hash)) continue;
            learned.Add(i);
            learnedUnits += line.Units;
        }
        // When most of the page is "known", it is a copy of a page seen before, not furniture around a new article.
        if (learnedUnits <= MaxLearnedShare * candidateUnits)
            excluded.UnionWith(learned);
        return candidates;
    }

    private static NormalisationResult FallBackToAllText(List<TextLine> lines, HashSet<int> excluded, string? source, List<string> contributors)
    {
        // Nothing reads like prose (a list, a table, a short note): keep every line that is not known noise.
        var kept = lines.Where((l, i) => !excluded.Contains(i) && !LinePatterns.Debris().IsMatch(l.Text)).Select(l => l.Text).ToList();
        var title = excluded.Contains(0) && LooksLikeTitle(lines[0].Text) ? lines[0].Text : "";
        if (kept.Count == 0)
            return NormalisationResult.Failure("no article text");
        return NormalisationResult.Success(ArticleFacts.Complete(
            title, string.Join(TextHygiene.ParagraphSeparator, kept), null, [], SiteOrNull(source), contributors, null, null, null));
    }

    // Cheap word checks before the regexes: every line of every page goes through here.
    private static bool MayBeContributorNote(string line) =>
        line.Contains("contributed", StringComparison.OrdinalIgnoreCase) || line.Contains("reporting by", StringComparison.OrdinalIgnoreCase);

    private static bool MayBeSiteTrailer(string line) =>
        line.Contains("head to", StringComparison.OrdinalIgnoreCase) || line.Contains("originally", StringComparison.OrdinalIgnoreCase)
        || line.Contains("appeared", StringComparison.OrdinalIgnoreCase) || line.Contains("published", StringComparison.OrdinalIgnoreCase);

    private static bool IsTitleLike(TextLine line) =>
        line.Units is >= 1 and <= MaxTitleUnits && !line.Text.EndsWith('.') && !LinePatterns.Debris().IsMatch(line.Text);

    private static (string Title, string? Site) ChooseTitle(List<TextLine> lines, int bodyStart, HashSet<int> excluded)
    {
        // A saved page starts with its <title>, "Headline | Site": the headline line it repeats is the best title.
        var pageTitle = lines[0].Text;
        var pageHeadline = LinePatterns.TitleSiteSuffix().Match(pageTitle) is { Success: true } suffix ? suffix.Groups["title"].Value : pageTitle;
        for (var i = bodyStart - 1; i >= 1 && i >= bodyStart - RepeatedTitleSearchLines; i--)
        {
            var line = lines[i];
            if (line.Units is >= 3 and <= MaxTitleUnits && line.Text.Length * 2 >= pageHeadline.Length
                && pageTitle.Contains(line.Text, StringComparison.OrdinalIgnoreCase) && LooksLikeTitle(line.Text))
                return SplitSiteSuffix(line.Text, pageTitle);
        }
        // Else the headline sits just above the article, past bylines, dates, photo credits and widget debris.
        for (var i = bodyStart - 1; i >= 0 && i >= bodyStart - TitleSearchLines; i--)
        {
            var line = lines[i];
            var text = line.Text;
            if (line.Units < 3 || line.Units > MaxTitleUnits || text.EndsWith('.') || text.EndsWith(':') || !MostlyLetters(text) || IsBylineLine(text)
                || LinePatterns.Debris().IsMatch(text) || LinePatterns.Marker().IsMatch(text) || LinePatterns.NotATitle().IsMatch(text)
                || (line.Units <= 10 && LinePatterns.DateOrTime().IsMatch(text))
                || (excluded.Contains(i) && i != 0) || !LooksLikeTitle(text))
                continue;
            return SplitSiteSuffix(text, pageTitle);
        }
        return excluded.Contains(0) && LooksLikeTitle(pageTitle) ? SplitSiteSuffix(pageTitle, pageTitle) : ("", null);
    }

    /// <summary>
    /// A headline is a phrase: two words at least (or a run of CJK text), mostly letters, and none of the page's
    /// chrome: share and account widgets, menus, breadcrumbs, "Updated …" lines, photo and wire credits
    /// ("Al Goldis, Associated Press").
    /// </summary>
    internal static bool LooksLikeTitle(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var cjk = text.Count(c => c >= 0x3040 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF);
        if ((words.Length < 2 && cjk < 6) || !MostlyLetters(text) || LinePatterns.Debris().IsMatch(text))
            return false;
        if (LinePatterns.Chrome().IsMatch(text) || LinePatterns.DateOrTime().IsMatch(text) && words.Length <= 8)
            return false;
        return !IsCredit(words, text);
    }

    /// <summary>"Tanza Loudenback, Business Insider", "Kevin Johnson and Kevin McCoy USA TODAY": names and an outlet, no sentence.</summary>
    private static bool IsCredit(string[] words, string text)
    {
        var capitalised = words.All(w => !char.IsLetter(w[0]) || char.IsUpper(w[0]) || w is "and" or "de" or "van" or "von" or "der" or "la" or "le");
        if (!capitalised)
            return false;
        if ((text.Contains(',', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal)) && words.Length <= 6)
            return true;
        return LinePatterns.CreditEnd().IsMatch(text) && words.Length <= 12;
    }

    private static bool MostlyLetters(string text)
    {
        var letters = 0;
        foreach (var c in text)
            if (char.IsLetter(c)) letters++;
        return letters * 2 >= text.Length;
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
                    byline = WithoutDate(text, out var bylineDate);
                    authors = names;
                    if (i < bodyStart + 2)
                        published ??= bylineDate;
                }
            }
            if (published is null && i < bodyStart && lines[i].Units <= 16)
                published = DateFinder.Find(text);
        }
        return (byline, authors, published);
    }

    /// <summary>
    /// "By Tess Bonn - 11/19/19 06:56 AM EST" → "By Tess Bonn", with the date it held: a byline names people, the date
    /// is the article's.
    /// </summary>
    internal static string WithoutDate(string byline, out DateTimeOffset? date)
    {
        date = null;
        var cut = LinePatterns.BylineDateStart().Match(byline);
        if (!cut.Success || cut.Index == 0)
            return byline;
        date = DateFinder.Find(byline[cut.Index..]);
        var kept = byline[..cut.Index].TrimEnd(' ', ',', '-', '–', '—', '|', '·', '•', '/');
        return kept.Length > 3 ? kept : byline;
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

    /// <summary>
    /// Non-empty cleaned lines. A hard-wrapped text (most lines filled to one width of at most 100 characters, as in
    /// wire copy and e-mail) is first reflowed into paragraphs: a blank line, an indented line, a table row or a short line that
    /// ends a sentence ends one.
    /// </summary>
    private static List<TextLine> SplitLines(string text)
    {
        var raw = text.Split('\n');
        var width = WrapWidth(raw);
        var result = new List<TextLine>(raw.Length);
        if (width == 0)
        {
            foreach (var line in raw)
                Add(result, line);
            return result;
        }
        var paragraph = new StringBuilder();
        var previousEndsParagraph = true;
        foreach (var rawLine in raw)
        {
            var line = rawLine.TrimEnd();
            var trimmed = line.TrimStart();
            var indented = trimmed.Length > 0 && line.Length - trimmed.Length >= 2;
            var tabular = trimmed.Contains("   ", StringComparison.Ordinal);
            if (trimmed.Length == 0 || indented || tabular || previousEndsParagraph)
            {
                Add(result, paragraph.ToString());
                paragraph.Clear();
            }
            if (paragraph.Length > 0) paragraph.Append(' ');
            paragraph.Append(trimmed);
            // A line well short of the width ends its paragraph when it ends a sentence (else it is a cut-off dateline or a heading's wrap).
            previousEndsParagraph = tabular || (line.Length < width * 0.6 && trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or ':' or '"' or '”');
        }
        Add(result, paragraph.ToString());
        return result;
    }

    /// <summary>The wrap width of a hard-wrapped text, or 0 when its lines were not wrapped at a fixed width.</summary>
    private static int WrapWidth(string[] lines)
    {
        var lengths = new List<int>();
        foreach (var line in lines)
        {
            var length = line.TrimEnd().Length;
            if (length >= 20) lengths.Add(length);
        }
        if (lengths.Count < 4) return 0;
        lengths.Sort();
        var width = lengths[(int)(lengths.Count * 0.95) - (lengths.Count >= 20 ? 0 : 1)];
        if (width > 100) return 0;
        var filled = lengths.Count(l => l >= width * 0.7);
        var over = lengths.Count(l => l > width + 10);
        return filled * 2 >= lengths.Count && over * 20 <= lengths.Count ? width : 0;
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
}
