namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>Article metadata found in a page's head, JSON-LD and markup.</summary>
internal sealed record HtmlMetadata(
    string? Title,
    string? Byline,
    IReadOnlyList<string> Authors,
    string? Source,
    string? Url,
    DateTimeOffset? Published,
    DateTimeOffset? Modified,
    string? Language,
    string? JsonLdBody,
    string? Description);
