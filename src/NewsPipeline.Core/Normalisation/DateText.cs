using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Normalisation;

/// <summary>
/// Dates as pages write them. <see cref="ParseValue"/> reads a value written for machines (ISO 8601, RFC 1123, a
/// compact 20191119, a trailing zone abbreviation such as "EST"); <see cref="Find"/> finds the first date written for
/// readers in a line of text: "November 19, 2019", "19. November 2019", "19 de noviembre de 2019", "19 novembre 2019",
/// "2019年11月19日", "2019-11-19", "2019/11/19", "19.11.2019", "11/19/2019", with a following time of day when there is
/// one. The zone is kept where the text gives it; a date without one is midnight UTC.
/// </summary>
public static partial class DateText
{
    // Month names and their usual abbreviations in the languages news is most often written in (lower case, accents kept).
    private static readonly Dictionary<string, int> MonthNames = BuildMonths(
        ["january|jan|janvier|janv|januar|jän|enero|ene|gennaio|genn|janeiro|januari|januar|stycznia|января|январь|ocak|január|ιανουαρίου",
         "february|feb|février|févr|fevrier|februar|febrero|febbraio|fevereiro|fev|februari|lutego|февраля|февраль|şubat|február",
         "march|mar|mars|märz|marz|marzo|março|maart|marca|marta|март|mart|március",
         "april|apr|avril|avr|abril|abr|aprile|kwietnia|апреля|апрель|nisan|április",
         "may|mai|mayo|maggio|mag|maio|mei|maja|мая|май|mayıs|május",
         "june|jun|juin|juni|junio|giugno|giu|junho|czerwca|июня|июнь|haziran|június",
         "july|jul|juillet|juil|juli|julio|luglio|lug|julho|lipca|июля|июль|temmuz|július",
         "august|aug|août|aout|agosto|ago|augustus|sierpnia|августа|август|ağustos|augusztus",
         "september|sep|sept|septembre|septiembre|settembre|set|setembro|września|сентября|сентябрь|eylül|szeptember",
         "october|oct|octobre|oktober|okt|octubre|ottobre|ott|outubro|out|października|октября|октябрь|ekim|október",
         "november|nov|novembre|noviembre|novembro|listopada|ноября|ноябрь|kasım",
         "december|dec|décembre|decembre|déc|dezember|dez|diciembre|dic|dicembre|dezembro|grudnia|декабря|декабрь|aralık|december|dec"]);

    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4), ["ET"] = TimeSpan.FromHours(-5),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5), ["CT"] = TimeSpan.FromHours(-6),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6), ["MT"] = TimeSpan.FromHours(-7),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7), ["PT"] = TimeSpan.FromHours(-8),
        ["BST"] = TimeSpan.FromHours(1), ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2),
        ["MEZ"] = TimeSpan.FromHours(1), ["MESZ"] = TimeSpan.FromHours(2), ["IST"] = new TimeSpan(5, 30, 0),
        ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9), ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11),
    };

    private static Dictionary<string, int> BuildMonths(string[] months)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < months.Length; i++)
            foreach (var name in months[i].Split('|'))
                map.TryAdd(name, i + 1);
        return map;
    }

    /// <summary>A machine-written date value (meta tags, JSON-LD, datetime attributes), or null.</summary>
    public static DateTimeOffset? ParseValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        value = value.Trim();
        // A value without a year ("8:38 PM", "Monday") would be read as today.
        if (value.Length > 64 || !FourDigits().IsMatch(value))
            return null;
        if (IsoValue().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
            return Plausible(iso);
        // Compact forms some CMSs emit: 20191119, 20191119T103000Z.
        if (DateTimeOffset.TryParseExact(value, ["yyyyMMdd", "yyyyMMdd'T'HHmmss'Z'", "yyyyMMddHHmmss"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var compact))
            return Plausible(compact);
        // "Mon, Jan 7 2019 15:37:00 EST": the zone abbreviation is one .NET does not read.
        var zone = TrailingZone().Match(value);
        if (zone.Success && Zones.TryGetValue(zone.Groups["zone"].Value, out var offset)
            && DateTime.TryParse(value[..zone.Index], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            return Plausible(new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset));
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
            return Plausible(date);
        return Find(value);
    }

    /// <summary>The first date written in the text for readers, or null.</summary>
    public static DateTimeOffset? Find(string text)
    {
        if (text.Length < 6 || !text.Any(char.IsAsciiDigit))
            return null;
        foreach (Match match in Written().Matches(text))
        {
            if (ToDate(match) is { } date)
                return WithTime(date, text, match.Index + match.Length);
        }
        return null;
    }

    private static DateTimeOffset? ToDate(Match match)
    {
        int year, month, day;
        var g = match.Groups;
        if (g["y1"].Success)
        {
            // Year first: ISO, 2019/11/19, 2019.11.19, 2019年11月19日.
            year = int.Parse(g["y1"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(g["m1"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(g["d1"].Value, CultureInfo.InvariantCulture);
        }
        else if (g["mn2"].Success)
        {
            if (!MonthNames.TryGetValue(g["mn2"].Value.TrimEnd('.'), out month)) return null;
            day = int.Parse(g["d2"].Value, CultureInfo.InvariantCulture);
            year = int.Parse(g["y2"].Value, CultureInfo.InvariantCulture);
        }
        else if (g["mn3"].Success)
        {
            if (!MonthNames.TryGetValue(g["mn3"].Value.TrimEnd('.'), out month)) return null;
            day = int.Parse(g["d3"].Value, CultureInfo.InvariantCulture);
            year = int.Parse(g["y3"].Value, CultureInfo.InvariantCulture);
        }
        else if (g["a4"].Success)
        {
            // Numbers with the year last: dots are day first (Europe); slashes are month first unless that cannot be.
            var a = int.Parse(g["a4"].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(g["b4"].Value, CultureInfo.InvariantCulture);
            year = int.Parse(g["y4"].Value, CultureInfo.InvariantCulture);
            if (year < 100) year += 2000;
            var dayFirst = g["sep"].Value != "/" || a > 12;
            (day, month) = dayFirst ? (a, b) : (b, a);
        }
        else
            return null;
        if (year is < 1990 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset WithTime(DateTimeOffset date, string text, int after)
    {
        var time = TimeOfDay().Match(text, after);
        if (!time.Success || time.Index - after > 8)
            return date;
        var hour = int.Parse(time.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(time.Groups["m"].Value, CultureInfo.InvariantCulture);
        var meridiem = time.Groups["ampm"].Value.ToLowerInvariant();
        if (meridiem.StartsWith('p') && hour < 12) hour += 12;
        if (meridiem.StartsWith('a') && hour == 12) hour = 0;
        if (hour >= 24 || minute >= 60)
            return date;
        var offset = Zones.TryGetValue(time.Groups["zone"].Value, out var zone) ? zone : TimeSpan.Zero;
        return new DateTimeOffset(date.Year, date.Month, date.Day, hour, minute, 0, offset);
    }

    private static DateTimeOffset? Plausible(DateTimeOffset date) => date.Year is >= 1990 and <= 2100 ? date : null;

    [GeneratedRegex(@"(?:19|20)\d{2}")]
    private static partial Regex FourDigits();

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}")]
    private static partial Regex IsoValue();

    [GeneratedRegex(@"\s+\(?(?<zone>[A-Z]{2,4})\)?$")]
    private static partial Regex TrailingZone();

    // y1: year first; mn2: month name first (November 19, 2019); mn3: day first (19. November 2019, 19 de noviembre de 2019); a4: numbers, year last.
    [GeneratedRegex(@"(?<![\d\p{L}])(?:(?<y1>(?:19|20)\d{2})(?:[-/.]|\s*年\s*)(?<m1>\d{1,2})(?:[-/.]|\s*月\s*)(?<d1>\d{1,2})(?!\d)|(?<mn2>\p{L}{3,10}\.?)\s+(?<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y2>(?:19|20)\d{2})(?!\d)|(?<d3>\d{1,2})(?:st|nd|rd|th|er|\.)?\s*(?:de\s+|of\s+)?(?<mn3>\p{L}{3,11}\.?),?\s+(?:de\s+|del\s+)?(?<y3>(?:19|20)\d{2})(?!\d)|(?<a4>\d{1,2})(?<sep>[./])(?<b4>\d{1,2})\k<sep>(?<y4>(?:19|20)\d{2}|\d{2})(?![\d.]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Written();

    [GeneratedRegex(@"\G[\s,|·•-]*(?:(?:at|um|à|a las|alle|às|o)\s+)?(?<h>\d{1,2})[:h.](?<m>\d{2})(?::\d{2})?\s*(?<ampm>[ap]\.?m\.?)?\s*(?<zone>[A-Z]{2,4}\b)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();
}
