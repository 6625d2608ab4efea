using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Normalisation;

/// <summary>Either an article or the reason the input cannot become one.</summary>
public sealed record NormalisationResult(NormalisedArticle? Article, string? Error)
{
    public bool IsSuccess => Article is not null;

    /// <summary>
    /// The input was rejected because the caller's budget ran out, not for its content: a busy machine may do better
    /// on another try. Callers branch on this, never on the reason's text.
    /// </summary>
    public bool OverBudget { get; private init; }

    public static NormalisationResult Success(NormalisedArticle article) => new(article, null);

    public static NormalisationResult Failure(string reason) => new(null, reason);

    /// <summary>The rejection for a spent budget, with the reason <see cref="HtmlBounds.BudgetExceeded"/>.</summary>
    public static NormalisationResult BudgetExceeded() => new(null, HtmlBounds.BudgetExceeded) { OverBudget = true };
}
