namespace NewsPipeline.Core.Normalisation;

/// <summary>Either an article or the reason the input cannot become one.</summary>
public sealed record NormalisationResult(NormalisedArticle? Article, string? Error)
{
    public bool IsSuccess => Article is not null;

    public static NormalisationResult Success(NormalisedArticle article) => new(article, null);

    public static NormalisationResult Failure(string reason) => new(null, reason);
}
