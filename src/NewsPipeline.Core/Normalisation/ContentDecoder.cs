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
        var (bomEncoding, bomLength) = DetectBom(content);
        if (bomLength > 0)
            return bomEncoding is null
                ? TryDecodeUtf8(content[bomLength..], out text, out error)
                : TryDecodeUnicode(bomEncoding, content[bomLength..], bomLength, out text, out error);

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

    // UTF-8's BOM maps to a null encoding: it is decoded by the strict UTF-8 path, which reports the failing byte.
    private static (Encoding? Encoding, int Length) DetectBom(ReadOnlySpan<byte> content) => content switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (null, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(false, false, true), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(true, false, true), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false, true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false, true), 2),
        _ => (null, 0),
    };

    private static bool TryDecodeUnicode(Encoding encoding, ReadOnlySpan<byte> content, int offset, out string text, out string? error)
    {
        text = "";
        error = null;
        try
        {
            text = encoding.GetString(content);
            return true;
        }
        catch (DecoderFallbackException e)
        {
            error = $"invalid {encoding.WebName} after its byte-order mark at byte {offset + e.Index}";
            return false;
        }
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
