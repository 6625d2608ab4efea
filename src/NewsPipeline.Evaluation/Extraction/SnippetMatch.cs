using System.Text;

namespace NewsPipeline.Evaluation.Extraction;

/// <summary>How many of a page's must-have snippets were found and how many must-not-have snippets stayed out.</summary>
public readonly record struct SnippetScore(int WithFound, int WithTotal, int WithoutAbsent, int WithoutTotal);

/// <summary>
/// trafilatura's snippet evaluation: each <c>with</c> snippet must occur in the extracted body, each <c>without</c>
/// snippet must not; case-sensitive, after collapsing every whitespace run to one space on both sides (extractors
/// differ in how they break lines, which is not what the snippets test).
/// </summary>
public static class SnippetMatch
{
    public static SnippetScore Score(string body, IReadOnlyCollection<string> with, IReadOnlyCollection<string> without)
    {
        var text = CollapseWhitespace(body);
        var found = with.Count(s => Contains(text, s));
        var absent = without.Count(s => !Contains(text, s));
        return new SnippetScore(found, with.Count, absent, without.Count);
    }

    /// <summary>Trims and turns every run of whitespace into one space.</summary>
    public static string CollapseWhitespace(string text)
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
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool Contains(string collapsedBody, string snippet)
    {
        var needle = CollapseWhitespace(snippet);
        return needle.Length == 0 || collapsedBody.Contains(needle, StringComparison.Ordinal);
    }
}
