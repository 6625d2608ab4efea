using System.Text.RegularExpressions;

namespace NewsPipeline.Evaluation.Classification;

/// <summary>
/// Undoes AG News' scraping artefacts ("#39;", " quot;", "\" for newlines, "(Reuters)" / "AFP - " source tags) so a
/// model trained on AG sees text like the pipeline's cleaned articles. Deliberately minimal: the pipeline's own
/// text hygiene belongs to normalisation.
/// </summary>
public static partial class AgNewsCleanup
{
    public static string Clean(string text, bool stripSourceTags = true)
    {
        if (text.Length == 0) return text;
        var s = EntityWithoutAmpersand().Replace(text, m => Entity(m.Groups[1].Value));
        s = s.Replace('\\', ' ');
        if (stripSourceTags)
        {
            s = SourceTagInParentheses().Replace(s, " ");
            s = LeadingSourceTag().Replace(s, "");
        }
        return MultipleSpaces().Replace(s, " ").Trim();
    }

    private static string Entity(string name) => name switch
    {
        "quot" => "\"",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "nbsp" => " ",
        _ when name.StartsWith('#') && int.TryParse(name.AsSpan(1), out var code) && code is > 0 and < 0x10000 => ((char)code).ToString(),
        _ => " ",
    };

    // AG lost the '&' of its entities, often to a space: "It#39;s", " quot;Yes quot;", "AT amp;T", "&lt;b&gt;...".
    [GeneratedRegex(@"(?:&| )?(#\d{1,5}|quot|amp|lt|gt|nbsp);")]
    private static partial Regex EntityWithoutAmpersand();

    [GeneratedRegex(@"\((?:Reuters|AP|AFP|Reuters\.com|Forbes\.com|washingtonpost\.com|SPACE\.com|PC ?World|CNN/Money|Canadian Press|CP|NewsFactor|Ziff Davis|TechWeb|eWEEK|Newsday|USATODAY\.com|MarketWatch|TheStreet\.com|Sports Network|Investor's Business Daily|BusinessWeek Online|ProSportsDaily)\)", RegexOptions.IgnoreCase)]
    private static partial Regex SourceTagInParentheses();

    // "Reuters - ", "AFP - ", "SPACE.com - ", "NEW YORK (Reuters) - " (the tag itself is gone by now).
    [GeneratedRegex(@"^\s*(?:[A-Z][\w.&'/]*(?:\s+[A-Z][\w.&'/]*){0,3})?\s*(?:--|-)\s+")]
    private static partial Regex LeadingSourceTag();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultipleSpaces();
}
