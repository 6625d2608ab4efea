using System.Globalization;

namespace NewsPipeline.Core.Tests.Deduplication;

/// <summary>Our own small articles (no shared data in unit tests).</summary>
internal static class DedupTexts
{
    public const string Story = """
        The city council voted on Tuesday to approve a new budget that raises spending on public transport by twelve percent, after a debate that lasted more than six hours.
        Supporters said the money would pay for longer bus routes, new night services and the repair of two tram lines that have been closed since the spring floods.
        Opponents argued that the plan relies on a property tax increase that will hit small businesses hardest, and several members said they would try to amend it next month.
        The mayor welcomed the vote and said the first new routes could open before the end of the year, provided the regional government releases its share of the funding.
        Transport unions said they would study the details before deciding whether to back the plan, which also includes changes to working hours for drivers.
        """;

    public const string OtherStory = """
        A regional football club announced on Monday that its long-serving coach will leave at the end of the season after eleven years in charge of the first team.
        The club thanked him for two promotions and a cup final, and said the search for a successor had already begun with a shortlist of three candidates.
        Supporters gathered outside the stadium in the evening to sing his name, and the players posted messages of thanks on social media late into the night.
        """;

    public static string Edited(string text) => text
        .Replace("Tuesday", "Wednesday", StringComparison.Ordinal)
        .Replace("six hours", "seven hours", StringComparison.Ordinal);

    public static string Trimmed(string text) => string.Join('\n', text.Split('\n').Take(3));

    public static string WithReporting(string text) => text + "\nAdditional reporting by Jane Doe in the capital; editing by John Roe.";

    public static string Id(int n) => n.ToString("x64", CultureInfo.InvariantCulture);
}
