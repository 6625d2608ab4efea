namespace NewsPipeline.Core.Normalisation;

/// <summary>
/// Clean text and metadata of one article. Body paragraphs are separated by one blank line. <see cref="Published"/> is
/// the first publication, <see cref="Modified"/> the last update the page declares (either with its time zone kept).
/// </summary>
public sealed record NormalisedArticle(
    string Title,
    string Body,
    string? Byline,
    IReadOnlyList<string> Authors,
    string? Source,
    IReadOnlyList<string> Contributors,
    string? Url,
    DateTimeOffset? Published,
    string? Language,
    int WordCount,
    DateTimeOffset? Modified = null);
