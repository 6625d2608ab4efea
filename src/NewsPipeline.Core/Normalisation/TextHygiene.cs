using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Normalisation;

/// <summary>
/// Text clean-up shared by every format (plain text, HTML, JSON). <see cref="CleanParagraph"/> makes one paragraph
/// clean: HTML entities decoded, including the broken and double-encoded forms feeds produce (<c>#39;</c>,
/// <c> quot;</c>, <c>&amp;amp;lt;</c>); control and invisible format characters removed; every whitespace run
/// (newlines and no-break spaces included) collapsed to one space; trimmed; Unicode NFC. <see cref="CleanBody"/> cleans
/// paragraphs and joins the non-empty ones with exactly one blank line. Hot path: a paragraph that needs nothing
/// is returned without allocating.
/// </summary>
public static partial class TextHygiene
{
    /// <summary>Paragraph separator of every article body: exactly one blank line.</summary>
    public const string ParagraphSeparator = "\n\n";

    public static string CleanParagraph(string text)
    {
        if (text.Length == 0) return text;
        if (text.Contains('&') || text.Contains(';'))
            text = RepairEntities(text);
        if (NeedsWhitespaceOrControlPass(text))
            text = CollapseAndStrip(text);
        if (!IsAsciiOrNormalised(text))
            text = text.Normalize(NormalizationForm.FormC);
        return text;
    }

    public static string CleanBody(IEnumerable<string> paragraphs)
    {
        var body = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            var clean = CleanParagraph(paragraph);
            if (clean.Length == 0) continue;
            if (body.Length > 0) body.Append(ParagraphSeparator);
            body.Append(clean);
        }
        return body.ToString();
    }

    /// <summary>
    /// Cleans free text of unknown layout: when it contains blank lines, they separate paragraphs (single line breaks
    /// inside are hard wraps); otherwise every line is a paragraph.
    /// </summary>
    public static string CleanText(string text) => CleanBody(SplitParagraphs(text));

    /// <summary>Paragraphs of free text, by the rule of <see cref="CleanText"/>; not yet cleaned.</summary>
    public static IEnumerable<string> SplitParagraphs(string text)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        return BlankLine().IsMatch(text) ? BlankLine().Split(text) : text.Split('\n');
    }

    private static string RepairEntities(string text)
    {
        // Feeds strip the '&' ("#39;", " quot;") or encode twice ("&amp;lt;"): restore the '&', then decode until stable.
        if (text.Contains(';'))
            text = BareEntity().Replace(text, m => "&" + m.Value);
        for (var i = 0; i < 3 && text.Contains('&'); i++)
        {
            var decoded = WebUtility.HtmlDecode(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text;
    }

    private static bool NeedsWhitespaceOrControlPass(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return true;
        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace) return true;
                previousSpace = true;
                continue;
            }
            previousSpace = false;
            if (c < ' ' || (c >= 0x7F && IsStrippedOrSpace(c))) return true;
        }
        return false;
    }

    private static bool IsStrippedOrSpace(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisibleFormat(c);

    // Zero-width spaces and joiners, BOM, soft hyphen, direction marks: invisible debris of copy-paste and CMS markup.
    private static bool IsInvisibleFormat(char c) =>
        c is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF'
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string CollapseAndStrip(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (char.IsControl(c) || IsInvisibleFormat(c)) continue;
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsAsciiOrNormalised(string text)
    {
        foreach (var c in text)
            if (!IsNfcStable(c))
                return text.IsNormalized(NormalizationForm.FormC);
        return true;
    }

    // Characters that NFC never changes and that never combine with a neighbour: Latin-1 and Latin Extended, general
    // punctuation (curly quotes, dashes), kana and CJK ideographs. Anything else asks ICU (rare in news text, and slow).
    private static bool IsNfcStable(char c) =>
        c < '\u0300' || c is (>= '\u2010' and <= '\u206F') or (>= '\u3000' and <= '\u3098') or (>= '\u30A0' and <= '\u30FF') or (>= '\u4E00' and <= '\u9FFF');

    // An entity whose '&' was lost: "#39;", "#x2019;", or a common named one directly after a space or start.
    [GeneratedRegex(@"(?<!&)#(?:[0-9]{2,6}|x[0-9a-fA-F]{2,5});|(?<=^|[\s(])(?:quot|amp|apos|nbsp|lt|gt|mdash|ndash|rsquo|lsquo|rdquo|ldquo|hellip);", RegexOptions.CultureInvariant)]
    private static partial Regex BareEntity();

    [GeneratedRegex(@"\n[ \t\u00A0]*\n\s*", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLine();
}
