using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Normalisation.PlainText;

/// <summary>Finds a publication date in a dateline or byline: ISO dates, "November 19, 2019", "19 Nov 2019", with an optional time.</summary>
internal static partial class DateFinder
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Find(string text)
    {
        var iso = IsoDate().Match(text);
        if (iso.Success && DateTimeOffset.TryParse(iso.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        var named = MonthFirst().Match(text);
        if (!named.Success) named = DayFirst().Match(text);
        // Other languages and numeric forms ("11 октября 2018", "19.11.2019", "11/19/19").
        if (!named.Success) return DateText.Find(text);
        var month = Array.IndexOf(Months, named.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
        if (month == 0 || !int.TryParse(named.Groups["day"].Value, CultureInfo.InvariantCulture, out var day) || day < 1
            || !int.TryParse(named.Groups["year"].Value, CultureInfo.InvariantCulture, out var year)
            || day > DateTime.DaysInMonth(year, month))
            return null;
        var date = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        var time = TimeOfDay().Match(text, named.Index + named.Length);
        if (time.Success && time.Index - (named.Index + named.Length) <= 6)
        {
            var hour = int.Parse(time.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = int.Parse(time.Groups["m"].Value, CultureInfo.InvariantCulture);
            var meridiem = time.Groups["ampm"].Value.ToLowerInvariant();
            if (meridiem.StartsWith('p') && hour < 12) hour += 12;
            if (meridiem.StartsWith('a') && hour == 12) hour = 0;
            if (hour < 24 && minute < 60)
                date = date.AddHours(hour).AddMinutes(minute); // the zone ("EST") is left out: UTC is the honest default
        }
        return date;
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthFirst();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?,?\s+(?<year>(?:19|20)\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"\b(?<h>\d{1,2}):(?<m>\d{2})\s*(?<ampm>[ap]\.?m\.?)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();
}
