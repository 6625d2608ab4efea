using NewsPipeline.Evaluation.Extraction;

namespace NewsPipeline.Evaluation.Tests.Extraction;

/// <summary>The match rules of metadata-dev's README, one per test.</summary>
public sealed class MetadataMatchTests
{
    private static MetadataOutput Output(string? title = null, string? byline = null, string[]? authors = null, string? source = null,
        DateTimeOffset? published = null, string? language = null) =>
        new(title, byline, authors ?? [], source, published, language);

    [Fact]
    public void Author_AnyGoldNameContainedInBylineOrAuthors()
    {
        Assert.True(MetadataMatch.AuthorMatches(Output(byline: "By JOSH HASKELL and DAVID CAPLAN"), ["Josh Haskell"]));
        Assert.True(MetadataMatch.AuthorMatches(Output(authors: ["Frederic Lardinois"]), ["Someone Else", "Frederic Lardinois"]));
        Assert.False(MetadataMatch.AuthorMatches(Output(authors: ["Frederic"]), ["Frederic Lardinois"]));
    }

    [Fact]
    public void Date_OutputsOwnCalendarDate()
    {
        var output = new DateTimeOffset(2016, 12, 9, 4, 13, 0, TimeSpan.FromHours(-5));
        Assert.True(MetadataMatch.DateMatches(output, "2016-12-09T09:13:00.000Z"));
        Assert.False(MetadataMatch.DateMatches(new DateTimeOffset(2019, 3, 5, 0, 0, 0, TimeSpan.FromHours(9)), "2019-03-04T15:00:00.000Z"));
    }

    [Fact]
    public void DateAnyZone_GoldInstantInOutputsOffset_OrAnyZoneWithoutOne()
    {
        Assert.True(MetadataMatch.DateMatchesAnyZone(new DateTimeOffset(2019, 3, 5, 8, 15, 11, TimeSpan.FromHours(9)), "2019-03-04T23:15:11.000Z", true));
        Assert.True(MetadataMatch.DateMatchesAnyZone(new DateTimeOffset(2019, 4, 4, 0, 0, 0, TimeSpan.Zero), "2019-04-03T15:00:00.000Z", true));
        Assert.False(MetadataMatch.DateMatchesAnyZone(new DateTimeOffset(2019, 4, 6, 0, 0, 0, TimeSpan.Zero), "2019-04-03T15:00:00.000Z", true));
        Assert.False(MetadataMatch.DateMatchesAnyZone(new DateTimeOffset(2020, 1, 14, 0, 0, 0, TimeSpan.Zero), "2020-01-13", false));
    }

    [Fact]
    public void Score_RejectedPage_MissesEveryAssertedField()
    {
        var score = MetadataMatch.Score(null, "Title", new MetadataGold(["Jane Doe"], "2020-01-01", false, "Site", null));

        Assert.Equal(false, score.TitleContains);
        Assert.Equal(false, score.Author);
        Assert.Equal(false, score.Date);
        Assert.Equal(false, score.Site);
        Assert.Null(score.Language);
    }

    [Fact]
    public void Score_SiteCaseInsensitive_LanguagePrimarySubtag_TitleContains()
    {
        var score = MetadataMatch.Score(Output(title: "Bob Dylan", source: "wikipedia", language: "en"), "Bob Dylan - Wikipedia",
            new MetadataGold(null, null, false, "Wikipedia", "en-US"));

        Assert.Equal(true, score.Site);
        Assert.Equal(true, score.Language);
        Assert.Equal(true, score.TitleContains);
    }
}
