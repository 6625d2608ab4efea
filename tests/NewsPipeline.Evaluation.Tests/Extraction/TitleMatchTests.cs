using NewsPipeline.Evaluation.Extraction;

namespace NewsPipeline.Evaluation.Tests.Extraction;

public sealed class TitleMatchTests
{
    [Theory]
    [InlineData("JSON parsing:  simdjson", "json parsing: SIMDJSON", true)]
    [InlineData("JSON parsing", "JSON parsing: simdjson", false)]
    [InlineData(null, "Title", false)]
    public void IsMatch_Variants_CaseInsensitiveExact(string? extracted, string gold, bool expected)
    {
        Assert.Equal(expected, TitleMatch.IsMatch(extracted, gold));
    }
}
