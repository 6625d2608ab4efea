using System.Text;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Core.Tests.Normalisation.Html;

public sealed class HtmlCharsetDecoderTests
{
    private const string Text = "Café société — “quoted”";

    static HtmlCharsetDecoderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Decode_Utf8Bom_DecodesUtf8WithoutBom()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<p>" + Text + "</p>")).ToArray();

        Assert.Equal("<p>" + Text + "</p>", HtmlCharsetDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_Utf16LittleEndianBom_DecodesUtf16()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<p>" + Text + "</p>")).ToArray();

        Assert.Equal("<p>" + Text + "</p>", HtmlCharsetDecoder.Decode(bytes));
    }

    [Fact]
    public void Decode_MetaCharsetWindows1252_DecodesCurlyQuotesAndAccents()
    {
        var html = "<html><head><meta charset=\"windows-1252\"></head><body><p>" + Text + "</p></body></html>";

        Assert.Equal(html, HtmlCharsetDecoder.Decode(Encoding.GetEncoding(1252).GetBytes(html)));
    }

    [Fact]
    public void Decode_DeclaredIso88591WithC1Quotes_DecodesAsWindows1252()
    {
        // Browsers read ISO-8859-1 labels as windows-1252; 0x93/0x94 are then curly quotes, not control characters.
        var html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>" + Text + "</p>";

        Assert.Equal(html, HtmlCharsetDecoder.Decode(Encoding.GetEncoding(1252).GetBytes(html)));
    }

    [Fact]
    public void Decode_HttpEquivWindows1251_DecodesCyrillic()
    {
        var html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>Новости дня</p>";

        Assert.Equal(html, HtmlCharsetDecoder.Decode(Encoding.GetEncoding(1251).GetBytes(html)));
    }

    [Fact]
    public void Decode_DeclaresLatin1ButBytesAreUtf8_PrefersUtf8()
    {
        var html = "<meta charset=\"iso-8859-1\"><p>" + Text + "</p>";

        Assert.Equal(html, HtmlCharsetDecoder.Decode(Encoding.UTF8.GetBytes(html)));
    }

    [Fact]
    public void Decode_UndeclaredInvalidUtf8_FallsBackToWindows1252()
    {
        var html = "<p>" + Text + "</p>";

        Assert.Equal(html, HtmlCharsetDecoder.Decode(Encoding.GetEncoding(1252).GetBytes(html)));
    }

    [Fact]
    public void Normalise_Latin1PageThroughNormaliser_BodyHasAccents()
    {
        var html = "<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>"
            + "Le café de la société ouvre à Noël, a annoncé la mairie, après des années de travaux et de débats.</p></article></body></html>";

        var result = new HtmlArticleNormaliser().Normalise(Encoding.GetEncoding(1252).GetBytes(html));

        Assert.Equal("Le café de la société ouvre à Noël, a annoncé la mairie, après des années de travaux et de débats.", result.Article?.Body);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    [InlineData("windows-1252")]
    [InlineData("utf-8")]
    public void DecodeRented_AnyEncoding_SameTextAsDecode(string kind)
    {
        var html = "<html><head><meta charset=\"" + (kind == "windows-1252" ? kind : "utf-8") + "\"></head><body><p>" + Text + "</p></body></html>";
        var bytes = kind switch
        {
            "utf-8-bom" => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(html)).ToArray(),
            "utf-16" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(html)).ToArray(),
            "windows-1252" => Encoding.GetEncoding(1252).GetBytes(html),
            _ => Encoding.UTF8.GetBytes(html),
        };

        var (buffer, length) = HtmlCharsetDecoder.DecodeRented(bytes);
        try
        {
            Assert.Equal(HtmlCharsetDecoder.Decode(bytes), new string(buffer, 0, length));
            Assert.Equal(html, new string(buffer, 0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
