using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Tests.Normalisation;

public sealed class DateTextTests
{
    [Theory]
    [InlineData("2019-04-15T13:18:34+00:00", "2019-04-15T13:18:34+00:00")]
    [InlineData("2019-04-15 06:18:34", "2019-04-15T06:18:34+00:00")]
    [InlineData("2019-04-09T08:00:15-06:00", "2019-04-09T08:00:15-06:00")]
    [InlineData("20191119", "2019-11-19T00:00:00+00:00")]
    [InlineData("Mon, Jan 7 2019 15:37:00 EST", "2019-01-07T15:37:00-05:00")]
    [InlineData("September 5, 2025", "2025-09-05T00:00:00+00:00")]
    public void ParseValue_MachineForms_ZoneKept(string value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateText.ParseValue(value));
    }

    [Theory]
    [InlineData("8:38 PM")]
    [InlineData("Monday")]
    [InlineData("1984")]
    [InlineData("")]
    public void ParseValue_NoYearOrNoDate_Null(string value)
    {
        Assert.Null(DateText.ParseValue(value));
    }

    [Theory]
    [InlineData("Published November 19, 2019", 2019, 11, 19)]
    [InlineData("19. November 2019", 2019, 11, 19)]
    [InlineData("le 19 novembre 2019", 2019, 11, 19)]
    [InlineData("19 de noviembre de 2019", 2019, 11, 19)]
    [InlineData("11 октября 2018", 2018, 10, 11)]
    [InlineData("2019年11月19日", 2019, 11, 19)]
    [InlineData("2019/11/19", 2019, 11, 19)]
    [InlineData("19.11.2019", 2019, 11, 19)]
    [InlineData("11/19/2019", 2019, 11, 19)]
    [InlineData("Dec 9, 2016", 2016, 12, 9)]
    public void Find_WrittenForms(string text, int year, int month, int day)
    {
        Assert.Equal(new DateTime(year, month, day), DateText.Find(text)!.Value.Date);
    }

    [Fact]
    public void Find_TimeAndZoneAfterTheDate_Kept()
    {
        Assert.Equal(new DateTimeOffset(2016, 5, 16, 7, 30, 0, TimeSpan.FromHours(-5)), DateText.Find("May 16, 2016 7:30 a.m. EST"));
    }

    [Fact]
    public void Find_NoDate_Null()
    {
        Assert.Null(DateText.Find("Call 555 1234 today for 20 percent off"));
    }
}
