using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Turns page bytes into text: BOM first, then valid UTF-8 (pages often declare ISO-8859-1 or windows-1252 while
/// their bytes are UTF-8, and a wrong guess turns every accent into mojibake), then the declared charset,
/// then windows-1252 (what browsers use for ISO-8859-1 and undeclared legacy pages).
/// </summary>
internal static partial class HtmlCharsetDecoder
{
    // The HTML spec's prescan looks at the first 1024 bytes; real pages put long scripts before the meta, so look further.
    private const int PrescanBytes = 8192;

    static HtmlCharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> content)
    {
        var (encoding, skip) = Choose(content);
        return encoding.GetString(content[skip..]);
    }

    /// <summary>
    /// Decodes into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it): most pages are
    /// over the large-object threshold as strings, and a fresh large string per page is what drives full collections
    /// when pages are extracted one after another.
    /// </summary>
    public static (char[] Buffer, int Length) DecodeRented(ReadOnlySpan<byte> content)
    {
        var (encoding, skip) = Choose(content);
        var bytes = content[skip..];
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, encoding.GetMaxCharCount(bytes.Length)));
        return (buffer, encoding.GetChars(bytes, buffer));
    }

    /// <summary>The encoding to read the page with, and how many BOM bytes to skip.</summary>
    private static (Encoding Encoding, int Skip) Choose(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Encoding.UTF8, 3);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode, 2);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Encoding.BigEndianUnicode, 2);

        var declared = DeclaredEncoding(content);
        if (Utf8.IsValid(content) && (declared is null || declared.IsSingleByte || declared.CodePage == Encoding.UTF8.CodePage))
            return (Encoding.UTF8, 0);
        if (declared is not null && declared.CodePage != Encoding.UTF8.CodePage)
            return (declared, 0);
        // Declared UTF-8 (or nothing) but not valid UTF-8: the page is almost always windows-1252 in disguise.
        return (Encoding.GetEncoding(1252), 0);
    }

    /// <summary>The charset named by a meta charset or http-equiv content-type in the first bytes, if any.</summary>
    internal static Encoding? DeclaredEncoding(ReadOnlySpan<byte> content)
    {
        var head = Encoding.Latin1.GetString(content[..Math.Min(content.Length, PrescanBytes)]);
        var match = CharsetPattern().Match(head);
        if (!match.Success)
            return null;
        var name = match.Groups["name"].Value.Trim().ToLowerInvariant();
        // WHATWG maps these labels to windows-1252; the C1 range then decodes to curly quotes instead of controls.
        if (name is "iso-8859-1" or "latin1" or "latin-1" or "us-ascii" or "ascii" or "iso8859-1" or "l1" or "cp1252")
            return Encoding.GetEncoding(1252);
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    [GeneratedRegex("""<meta[^>]*?charset\s*=\s*["']?\s*(?<name>[\w.:-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetPattern();
}
