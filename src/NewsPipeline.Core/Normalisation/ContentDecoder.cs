using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace NewsPipeline.Core.Normalisation;

/// <summary>
/// Turns the bytes of a text format (.txt, .json) into a string, or says why they are not text: empty, binary
/// (NUL bytes or mostly control characters), or invalid UTF-8 (with the byte offset). A UTF-8 BOM and UTF-16/UTF-32
/// with a BOM are accepted; without a BOM the content must be UTF-8.
/// </summary>
public static class ContentDecoder
{
    private const int SniffBytes = 8192;

    public static bool TryDecode(ReadOnlySpan<byte> content, out string text, out string? error)
    {
        text = "";
        error = null;
        if (content.IsEmpty)
        {
            error = "empty file";
            return false;
        }
        if (TryDecodeWithBom(content, ref text, ref error, out var handled))
            return error is null;
        if (handled)
            return false;

        var sniff = content[..Math.Min(content.Length, SniffBytes)];
        if (sniff.Contains((byte)0))
        {
            error = "binary content (NUL bytes): not a text file";
            return false;
        }
        var controls = 0;
        foreach (var b in sniff)
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C)
                controls++;
        if (controls > sniff.Length / 10)
        {
            error = "binary content (mostly control characters): not a text file";
            return false;
        }
        return TryDecodeUtf8(content, out text, out error);
    }

    private static bool TryDecodeWithBom(ReadOnlySpan<byte> content, ref string text, ref string? error, out bool handled)
    {
        handled = true;
        Encoding? encoding = content switch
        {
            [0xEF, 0xBB, 0xBF, ..] => null,
            [0xFF, 0xFE, 0x00, 0x00, ..] => new UTF32Encoding(false, false, true),
            [0x00, 0x00, 0xFE, 0xFF, ..] => new UTF32Encoding(true, false, true),
            [0xFF, 0xFE, ..] => new UnicodeEncoding(false, false, true),
            [0xFE, 0xFF, ..] => new UnicodeEncoding(true, false, true),
            _ => Encoding.Default,
        };
        if (ReferenceEquals(encoding, Encoding.Default))
        {
            handled = false;
            return false;
        }
        if (encoding is null)
        {
            TryDecodeUtf8(content[3..], out text, out error);
            return true;
        }
        var bom = encoding.GetPreamble().Length;
        try
        {
            text = encoding.GetString(content[bom..]);
        }
        catch (DecoderFallbackException e)
        {
            error = $"invalid {encoding.WebName} after its byte-order mark at byte {bom + e.Index}";
        }
        return true;
    }

    private static bool TryDecodeUtf8(ReadOnlySpan<byte> content, out string text, out string? error)
    {
        text = "";
        error = null;
        var buffer = ArrayPool<char>.Shared.Rent(content.Length);
        try
        {
            var status = Utf8.ToUtf16(content, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                error = $"invalid UTF-8 at byte {read} (expected UTF-8, or a UTF-16 file with a byte-order mark)";
                return false;
            }
            text = new string(buffer, 0, written);
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
