using System.Globalization;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// The bounds that keep one HTML page's cost bounded whatever its markup (DESIGN.md, "Bounded cost per input"), and
/// the rejection reasons that name them.
/// </summary>
public static class HtmlBounds
{
    /// <summary>
    /// The tree's depth, html counting as 1, as Blink caps it (and AngleSharp's MaximumDepth): start tags that would
    /// open elements deeper are dropped (their text stays, in the deepest element kept). Real pages nest a few dozen
    /// levels (AEB: 51 at most).
    /// </summary>
    public const int MaxOpenElements = 512;

    /// <summary>
    /// Elements the parser would create for one page (its start tags, the tbody and tr it implies, the formatting
    /// elements it reopens, the p a stray &lt;/p&gt; makes). AEB pages have at most 1,596; past the cap the page is rejected.
    /// </summary>
    public const int MaxElements = 100_000;

    /// <summary>The reason given when the caller's budget (its cancellation token) ran out during the analysis.</summary>
    public const string BudgetExceeded = "analysis exceeded its time budget";

    internal static string TooManyElements(int cap) =>
        string.Create(CultureInfo.InvariantCulture, $"page has more than {cap:N0} elements (cap)");
}
