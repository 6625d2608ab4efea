using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Tests.Normalisation;

public sealed class TextHygieneTests
{
    [Theory]
    [InlineData("Wall Street#39;s rally", "Wall Street's rally")]
    [InlineData("He said  quot;no quot; twice", "He said \"no \" twice")]
    [InlineData("a &amp;lt;b&amp;gt; tag", "a <b> tag")]
    [InlineData("it&#8217;s &eacute;t&eacute;", "it’s été")]
    [InlineData("AT&T and R&D; fine", "AT&T and R&D; fine")]
    public void CleanParagraph_Entities_Repaired(string input, string expected)
    {
        Assert.Equal(expected, TextHygiene.CleanParagraph(input));
    }

    [Fact]
    public void CleanParagraph_ControlAndInvisibleCharacters_Removed()
    {
        Assert.Equal("abc def", TextHygiene.CleanParagraph("a\u0001b\u200Bc\u00AD \u0007def\uFEFF"));
    }

    [Fact]
    public void CleanParagraph_WhitespaceRuns_CollapsedAndTrimmed()
    {
        Assert.Equal("one two three", TextHygiene.CleanParagraph("  one\u00A0\u00A0two\n\t three \r\n"));
    }

    [Fact]
    public void CleanParagraph_DecomposedAccents_ComposedNfc()
    {
        var result = TextHygiene.CleanParagraph("Cafe\u0301 re\u0301sume\u0301");

        Assert.Equal("Caf\u00E9 r\u00E9sum\u00E9", result);
    }

    [Fact]
    public void CleanParagraph_AlreadyClean_SameInstance()
    {
        const string clean = "Nothing to do here, “quoted” — fine.";

        Assert.Same(clean, TextHygiene.CleanParagraph(clean));
    }

    [Fact]
    public void CleanBody_Paragraphs_OneBlankLineBetweenNonEmpty()
    {
        Assert.Equal("First.\n\nSecond.", TextHygiene.CleanBody(["  First. ", "", " \u200B ", "Second.\n"]));
    }

    [Theory]
    [InlineData("One.\n\n\n\nTwo\nwrapped.", "One.\n\nTwo wrapped.")]
    [InlineData("One.\nTwo.\r\nThree.", "One.\n\nTwo.\n\nThree.")]
    public void CleanText_FreeText_ParagraphsByBlankLinesElseLines(string input, string expected)
    {
        Assert.Equal(expected, TextHygiene.CleanText(input));
    }
}
