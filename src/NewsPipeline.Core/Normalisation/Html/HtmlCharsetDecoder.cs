using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Turns page bytes into text, choosing the charset as browsers do: a BOM wins; then the charset the page declares
/// (<see cref="CharsetPrescan"/>), unless the bytes are valid UTF-8 (pages often declare ISO-8859-1, windows-1252 or
/// gb2312 while their bytes are UTF-8, and a wrong guess turns every accent or ideograph into mojibake). When the
/// declared charset does not decode the bytes cleanly, or nothing is declared and the bytes are not UTF-8, the
/// candidate with the fewest errors wins among the declared charset and UTF-8, and windows-1252 (what browsers use
/// for undeclared legacy pages, and which decodes any byte) when neither is close to clean.
/// </summary>
internal static class HtmlCharsetDecoder
{
    // The HTML spec's prescan looks at the first 1024 bytes; real pages put long scripts before the meta, so look
    // further (browsers honour a late meta too: Firefox reloads the page, Chromium scans the whole head).
    private const int PrescanBytes = 8192;

    private const int Utf8CodePage = 65001;

    // ISO-2022-JP is 7-bit, so its pages are valid UTF-8 as well: only the declaration tells them apart.
    private const int Iso2022JpCodePage = 50220;

    // A decode with at most one error per this many good non-ASCII characters is the right charset with a stray byte
    // (a pasted quote, a truncated sequence). A wrong charset errs on most of the non-ASCII bytes instead: a
    // windows-1252 page read as UTF-8 has almost no valid multi-byte sequences at all.
    private const int MinGoodCharsPerError = 4;

    static HtmlCharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(ReadOnlySpan<byte> content)
    {
        var (buffer, length) = DecodeRented(content);
        try
        {
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Decodes into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it): most pages are
    /// over the large-object threshold as strings, and a fresh large string per page is what drives full collections
    /// when pages are extracted one after another.
    /// </summary>
    public static (char[] Buffer, int Length) DecodeRented(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return DecodeWith(Encoding.UTF8, content[3..]);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return DecodeWith(Encoding.Unicode, content[2..]);
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return DecodeWith(Encoding.BigEndianUnicode, content[2..]);

        var declared = CharsetPrescan.Find(content[..Math.Min(content.Length, PrescanBytes)]);
        // The common case costs one validation pass: a legacy charset's text is almost never valid UTF-8 by chance.
        if (declared != Iso2022JpCodePage && Utf8.IsValid(content))
            return DecodeWith(Encoding.UTF8, content);

        Attempt? best = null;
        if (declared is { } codePage && codePage != Utf8CodePage)
        {
            var attempt = DecodeCounting(Encoding.GetEncoding(codePage), content);
            if (attempt.Errors == 0)
                return (attempt.Buffer, attempt.Length);
            best = KeepIfAcceptable(attempt, null);
        }
        var utf8 = DecodeCounting(Encoding.UTF8, content);
        if (utf8.Errors == 0)
        {
            Release(best);
            return (utf8.Buffer, utf8.Length);
        }
        best = KeepIfAcceptable(utf8, best);
        if (best is { } chosen)
            return (chosen.Buffer, chosen.Length);
        return DecodeWith(Encoding.GetEncoding(1252), content);
    }

    private static (char[] Buffer, int Length) DecodeWith(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, encoding.GetMaxCharCount(bytes.Length)));
        return (buffer, encoding.GetChars(bytes, buffer));
    }

    /// <summary>Decodes with U+FFFD for undecodable bytes, counting them (per call: the decoder is shared by threads).</summary>
    private static Attempt DecodeCounting(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var fallback = new CountingFallback();
        var counting = (Encoding)encoding.Clone();
        counting.DecoderFallback = fallback;
        var (buffer, length) = DecodeWith(counting, bytes);
        return new Attempt(buffer, length, fallback.Count);
    }

    /// <summary>
    /// The better of <paramref name="candidate"/> (if close to clean) and <paramref name="best"/>, returning the other's
    /// buffer to the pool; on a tie the earlier candidate (the declared charset) stays.
    /// </summary>
    private static Attempt? KeepIfAcceptable(Attempt candidate, Attempt? best)
    {
        var good = 0;
        foreach (var c in candidate.Buffer.AsSpan(0, candidate.Length))
        {
            if (c >= 0x80 && c != '\uFFFD')
                good++;
        }
        if ((long)candidate.Errors * MinGoodCharsPerError > good || (best is { } current && current.Errors <= candidate.Errors))
        {
            Release(candidate);
            return best;
        }
        Release(best);
        return candidate;
    }

    private static void Release(Attempt? attempt)
    {
        if (attempt is { } a)
            ArrayPool<char>.Shared.Return(a.Buffer);
    }

    private readonly record struct Attempt(char[] Buffer, int Length, int Errors);

    /// <summary>Replaces each undecodable byte sequence with U+FFFD, as the default fallback does, and counts them.</summary>
    private sealed class CountingFallback : DecoderFallback
    {
        public int Count { get; private set; }

        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new CountingBuffer(this);

        private sealed class CountingBuffer(CountingFallback owner) : DecoderFallbackBuffer
        {
            // 1 while the replacement character is still to be read, 0 once read, -1 when idle.
            private int _remaining = -1;

            public override int Remaining => Math.Max(_remaining, 0);

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                owner.Count++;
                _remaining = 1;
                return true;
            }

            public override char GetNextChar()
            {
                if (_remaining <= 0)
                {
                    _remaining = -1;
                    return '\0';
                }
                _remaining = 0;
                return '\uFFFD';
            }

            public override bool MovePrevious()
            {
                if (_remaining != 0)
                    return false;
                _remaining = 1;
                return true;
            }

            public override void Reset() => _remaining = -1;
        }
    }
}
