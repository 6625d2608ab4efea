using System.Text;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Core.Tests.Normalisation;

public sealed class ArticleNormaliserTests
{
    private const string Article = "A title\n\nThe first paragraph of the article says something about the council and its plans for the city centre.\n\nThe second paragraph adds detail.";

    private readonly ArticleNormaliser _normaliser = new();

    [Theory]
    [InlineData("report.pdf", "unsupported file type '.pdf'")]
    [InlineData("README", "unsupported file type (no extension)")]
    public void Normalise_UnsupportedExtension_FailsNamingTheType(string fileName, string reason)
    {
        var result = _normaliser.Normalise(fileName, Encoding.UTF8.GetBytes(Article));

        Assert.False(result.IsSuccess);
        Assert.StartsWith(reason, result.Error);
    }

    [Theory]
    [InlineData("a.txt")]
    [InlineData("a.json")]
    [InlineData("a.html")]
    public void Normalise_EmptyFile_FailsEmpty(string fileName)
    {
        Assert.Equal("empty file", _normaliser.Normalise(fileName, []).Error);
    }

    [Fact]
    public void Normalise_WhitespaceOnly_FailsEmpty()
    {
        Assert.StartsWith("empty file", _normaliser.Normalise("a.txt", " \n\t\n"u8).Error);
    }

    [Theory]
    [InlineData("a.txt", "!!! ... ???\n\n--- *** ---")]
    [InlineData("a.json", "{\"title\": \"...\", \"body\": \"!!! ???\"}")]
    public void Normalise_PunctuationOnly_FailsNotAnArticle(string fileName, string content)
    {
        Assert.Equal("not an article: 0 words", _normaliser.Normalise(fileName, Encoding.UTF8.GetBytes(content)).Error);
    }

    [Fact]
    public void Normalise_NulBytes_FailsBinary()
    {
        var result = _normaliser.Normalise("a.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x41]);

        Assert.StartsWith("binary content", result.Error);
    }

    [Fact]
    public void Normalise_MostlyControlCharacters_FailsBinary()
    {
        var bytes = Enumerable.Range(0, 200).Select(i => (byte)(i % 2 == 0 ? 0x01 : 0x41)).ToArray();

        Assert.StartsWith("binary content", _normaliser.Normalise("a.txt", bytes).Error);
    }

    [Fact]
    public void Normalise_InvalidUtf8_FailsWithByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("Title\n\nCaf").Concat(new byte[] { 0xE9, 0x20, 0x41 }).ToArray();

        var result = _normaliser.Normalise("a.txt", bytes);

        Assert.StartsWith("invalid UTF-8 at byte 10", result.Error);
    }

    [Fact]
    public void Normalise_Utf16WithBom_Decoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Article)).ToArray();

        var result = _normaliser.Normalise("a.txt", bytes);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("A title", result.Article!.Title);
    }

    [Fact]
    public void Normalise_Utf8Bom_NotPartOfTitle()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Article)).ToArray();

        Assert.Equal("A title", _normaliser.Normalise("a.txt", bytes).Article!.Title);
    }

    [Fact]
    public void Normalise_ExtensionCaseInsensitive_PlainText()
    {
        var result = _normaliser.Normalise("A.TXT", Encoding.UTF8.GetBytes(Article));

        Assert.True(result.IsSuccess, result.Error);
        Assert.StartsWith("The first paragraph", result.Article!.Body);
        Assert.Equal(23, result.Article.WordCount);
    }

    [Fact]
    public void Normalise_MalformedJson_FailsWithPosition()
    {
        var result = _normaliser.Normalise("a.json", "{\n  \"title\": \"x\",\n  \"body\": oops\n}"u8);

        Assert.StartsWith("malformed JSON at line 3, byte 11", result.Error);
    }

    [Fact]
    public void Normalise_JsonWithoutBody_FailsNoArticleText()
    {
        var result = _normaliser.Normalise("a.json", "{\"title\": \"Only a title\"}"u8);

        Assert.StartsWith("no article text", result.Error);
    }
}
