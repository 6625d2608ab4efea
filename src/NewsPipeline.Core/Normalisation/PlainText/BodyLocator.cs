namespace NewsPipeline.Core.Normalisation.PlainText;

/// <summary>
/// Finds the article among the lines of a saved page. Each line gets a kind (<see cref="LineKind"/>) from its length,
/// sentence punctuation and function-word density; good lines score their length (capped, so one giant comment cannot
/// outweigh an article), other lines cost a penalty; the article is the contiguous run with the highest total (a maximum
/// sum sub-array, like boilerpipe's and jusText's densest block, on lines). The run is then cut where a comment section
/// starts (a "N comments" heading, or a series of timestamps) and at a related-links heading when little article text
/// follows it. Inside the run, good and near lines are kept; short lines, boilerplate and metadata are dropped.
/// The weights were tuned on whole-page text of 181 news pages (plaintext-aeb) and sit on a broad plateau there.
/// </summary>
internal static class BodyLocator
{
    private const double GoodUnits = 12;          // a line this long and sentence-like is article text
    private const double NearUnits = 4;
    private const double ShortUnits = 3;
    private const double SentenceStopwords = 0.3; // function-word share of prose
    private const double MarkerMaxUnits = 12;     // a share/menu marker longer than this is a sentence that starts like one
    private const double RepeatMaxUnits = 8;      // a line repeated on the page (menus twice) is boilerplate below this
    private const double TimestampMaxUnits = 6;
    private const double GoodCap = 50;
    private const double NearValue = -3;
    private const double ShortPenalty = 12;
    private const double BadPenalty = 20;
    private const double MinArticleBeforeComments = 30;
    private const double SoftEndShare = 0.5;      // cut at "Related…" when less than half as much text follows

    public readonly record struct Region(int Start, int End, LineKind[] Kinds)
    {
        public bool IsEmpty => End < Start;
    }

    /// <param name="lines">The page's non-empty lines, cleaned.</param>
    /// <param name="excluded">Lines known not to be body (title, metadata notes, learned boilerplate).</param>
    public static Region Locate(IReadOnlyList<TextLine> lines, IReadOnlySet<int> excluded)
    {
        var kinds = Classify(lines, excluded);
        var values = new double[lines.Count];
        for (var i = 0; i < lines.Count; i++)
            values[i] = kinds[i] switch
            {
                LineKind.Good => Math.Min(lines[i].Units, GoodCap),
                LineKind.Near => NearValue,
                LineKind.Short => -ShortPenalty,
                _ => -BadPenalty,
            };
        var (start, end) = MaximumRun(values);
        if (end < start || values[start] <= 0)
            return new Region(0, -1, kinds);
        // A short closing (or opening) paragraph costs more than it adds to the sum, yet it is article text.
        while (end + 1 < lines.Count && kinds[end + 1] == LineKind.Near && lines[end + 1].EndsSentence) end++;
        while (start > 0 && kinds[start - 1] == LineKind.Near && lines[start - 1].EndsSentence) start--;
        end = CutAtComments(lines, kinds, values, start, end);
        end = CutAtSoftEnd(lines, values, start, end);
        end = ExtendIntroducedList(lines, kinds, end);
        return new Region(start, end, kinds);
    }

    private static LineKind[] Classify(IReadOnlyList<TextLine> lines, IReadOnlySet<int> excluded)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
            occurrences[line.Text] = occurrences.GetValueOrDefault(line.Text) + 1;
        var kinds = new LineKind[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var sentenceLike = line.EndsSentence || line.StopwordRatio >= SentenceStopwords;
            if (excluded.Contains(i)
                || LinePatterns.Debris().IsMatch(line.Text)
                || (line.Units < MarkerMaxUnits && LinePatterns.Marker().IsMatch(line.Text))
                || (line.Units < RepeatMaxUnits && occurrences[line.Text] > 1)
                || (line.Units <= TimestampMaxUnits && LinePatterns.DateOrTime().IsMatch(line.Text)))
                kinds[i] = LineKind.Bad;
            else if (line.Units >= GoodUnits && sentenceLike)
                kinds[i] = LineKind.Good;
            else if (line.Units >= NearUnits && sentenceLike)
                kinds[i] = LineKind.Near;
            else if (line.Units <= ShortUnits)
                kinds[i] = LineKind.Short;
            else
                kinds[i] = LineKind.Near;
        }
        return kinds;
    }

    private static (int Start, int End) MaximumRun(double[] values)
    {
        double best = double.NegativeInfinity, current = 0;
        int start = 0, bestStart = 0, bestEnd = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (current <= 0)
            {
                current = 0;
                start = i;
            }
            current += values[i];
            if (current > best)
            {
                best = current;
                bestStart = start;
                bestEnd = i;
            }
        }
        return (bestStart, bestEnd);
    }

    private const int MaxListLines = 200;

    /// <summary>
    /// An article that ends by introducing a list ("The tour dates:", "Here are the deals:") goes on with it: the
    /// items (tour dates, product names, their links) are too short to score as prose, so the densest run stops
    /// before them. The lines that follow join until the first boilerplate line (a share button, a menu repeated,
    /// a timestamp); short items among them are kept too.
    /// </summary>
    private static int ExtendIntroducedList(IReadOnlyList<TextLine> lines, LineKind[] kinds, int end)
    {
        if (end < 0 || !lines[end].Text.EndsWith(':') || kinds[end] is not (LineKind.Good or LineKind.Near))
            return end;
        var last = end;
        for (var i = end + 1; i < lines.Count && i - end <= MaxListLines && kinds[i] != LineKind.Bad; i++)
        {
            if (kinds[i] == LineKind.Short)
                kinds[i] = LineKind.Near;
            last = i;
        }
        return last;
    }

    private static int CutAtComments(IReadOnlyList<TextLine> lines, LineKind[] kinds, double[] values, int start, int end)
    {
        double mass = 0;
        for (var i = start; i <= end; i++)
        {
            if (values[i] > 0) mass += values[i];
            if (i == start || mass < MinArticleBeforeComments || lines[i].Units >= 10) continue;
            var text = lines[i].Text;
            var opensComments = LinePatterns.CommentsStart().IsMatch(text)
                || (LinePatterns.DateOrTime().IsMatch(text) && CountTimestamps(lines, i, end) >= 2);
            if (!opensComments) continue;
            var last = i - 1;
            while (last > start && kinds[last] != LineKind.Good) last--;
            return last;
        }
        return end;
    }

    private static int CountTimestamps(IReadOnlyList<TextLine> lines, int from, int to)
    {
        var count = 0;
        for (var j = from; j <= to && count < 2; j++)
            if (lines[j].Units <= TimestampMaxUnits && LinePatterns.DateOrTime().IsMatch(lines[j].Text))
                count++;
        return count;
    }

    private static int CutAtSoftEnd(IReadOnlyList<TextLine> lines, double[] values, int start, int end)
    {
        double before = 0, after = 0;
        for (var i = start; i <= end; i++)
            if (values[i] > 0) after += values[i];
        for (var i = start + 1; i <= end; i++)
        {
            if (values[i - 1] > 0)
            {
                before += values[i - 1];
                after -= values[i - 1];
            }
            if (lines[i].Units < 8 && LinePatterns.SoftEnd().IsMatch(lines[i].Text) && after < SoftEndShare * before)
                return i - 1;
        }
        return end;
    }
}
