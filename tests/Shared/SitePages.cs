namespace NewsPipeline.Testing;

/// <summary>Pages of one local-news site: each its own story, all with the site's about box, which is learned as furniture.</summary>
internal static class SitePages
{
    /// <summary>Long enough to be learned, and nothing else on the page removes it.</summary>
    public const string AboutBox = "The Valley Courier is owned by Harbor Media Group and has served readers in the county since 1921.";

    public static string Page(int n) => string.Join('\n',
        $"Council approves budget number {n}",
        "",
        $"The county council approved budget number {n} on Monday after a debate of {n + 2} hours about roads, schools and the harbour bridge repairs.",
        "",
        $"Members said the plan for year {2020 + n} would raise spending on buses by {n} percent while keeping the property tax where it was last year.",
        "",
        AboutBox);
}
