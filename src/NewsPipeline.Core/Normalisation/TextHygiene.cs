using System.Text;

namespace NewsPipeline.Core.Normalisation;

/// <summary>
/// Minimal paragraph cleanup used by the HTML extractor until the full hygiene (entity repair, control characters)
/// lands from the normalise branch; at merge that version replaces this file, so callers use only CleanParagraph.
/// </summary>
public static class TextHygiene
{
    /// <summary>Collapses every whitespace run to one space, trims, and normalises to NFC.</summary>
    public static string CleanParagraph(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
                sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        var result = sb.ToString();
        return result.IsNormalized(NormalizationForm.FormC) ? result : result.Normalize(NormalizationForm.FormC);
    }
}
