namespace NewsPipeline.Evaluation.Extraction;

/// <summary>Title accuracy: case-insensitive exact match after whitespace is collapsed.</summary>
public static class TitleMatch
{
    public static bool IsMatch(string? extracted, string gold) =>
        extracted is not null &&
        string.Equals(SnippetMatch.CollapseWhitespace(extracted), SnippetMatch.CollapseWhitespace(gold), StringComparison.OrdinalIgnoreCase);
}
