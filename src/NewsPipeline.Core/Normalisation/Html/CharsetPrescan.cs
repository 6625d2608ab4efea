using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// The WHATWG "prescan a byte stream to determine its encoding": the first <c>&lt;meta charset&gt;</c> or
/// <c>&lt;meta http-equiv="Content-Type" content="...; charset=..."&gt;</c>, skipping comments and other tags the way
/// browsers do (a charset named inside a comment or a script-free attribute value is not a declaration), with the
/// label resolved through the WHATWG label table. Returns a .NET code page, or null when nothing usable is declared.
/// </summary>
internal static class CharsetPrescan
{
    private const int Utf8CodePage = 65001;
    private const int Windows1252CodePage = 1252;

    /// <summary>The code page of the first usable charset declaration in <paramref name="head"/>, if any.</summary>
    public static int? Find(ReadOnlySpan<byte> head)
    {
        var position = 0;
        while (position < head.Length)
        {
            var next = head[position..].IndexOf((byte)'<');
            if (next < 0)
                return null;
            position += next;
            var rest = head[position..];
            if (rest.StartsWith("<!--"u8))
            {
                // The comment ends at the first "-->" after "<!" (so "<!-->" is a whole comment, as the spec says).
                var end = head[(position + 2)..].IndexOf("-->"u8);
                if (end < 0)
                    return null;
                position += 2 + end + 3;
                continue;
            }
            if (rest.Length > 5 && Ascii.EqualsIgnoreCase(rest[..5], "<meta"u8) && (IsSpace(rest[5]) || rest[5] == '/'))
            {
                position += 6;
                if (Meta(head, ref position) is { } codePage)
                    return codePage;
            }
            else if (rest.Length > 1 && (IsAsciiLetter(rest[1]) || (rest[1] == '/' && rest.Length > 2 && IsAsciiLetter(rest[2]))))
            {
                // Any other tag: skip its name and attributes, so a quoted '>' or "<meta" in a value is not misread.
                var nameEnd = rest.IndexOfAny(SpaceOrTagEnd);
                if (nameEnd < 0)
                    return null;
                position += nameEnd;
                while (Attribute(head, ref position) is not null)
                {
                }
            }
            else if (rest.Length > 1 && rest[1] is (byte)'!' or (byte)'/' or (byte)'?')
            {
                var end = rest.IndexOf((byte)'>');
                if (end < 0)
                    return null;
                position += end;
            }
            position++;
        }
        return null;
    }

    /// <summary>The charset of a meta element whose attributes start at <paramref name="position"/>, if it declares one.</summary>
    private static int? Meta(ReadOnlySpan<byte> head, ref int position)
    {
        // Only the first of repeated attributes counts; a meta has few, so a small list is enough.
        Span<int> seen = stackalloc int[3];
        var seenCount = 0;
        bool gotPragma = false, charsetSeen = false;
        bool? needPragma = null;
        int? charset = null;
        while (Attribute(head, ref position) is var (nameStart, nameLength, valueStart, valueLength))
        {
            var name = head.Slice(nameStart, nameLength);
            var value = head.Slice(valueStart, valueLength);
            var which = Ascii.EqualsIgnoreCase(name, "http-equiv"u8) ? 1 : Ascii.EqualsIgnoreCase(name, "content"u8) ? 2
                : Ascii.EqualsIgnoreCase(name, "charset"u8) ? 3 : 0;
            if (which == 0 || seen[..seenCount].Contains(which))
                continue;
            seen[seenCount++] = which;
            switch (which)
            {
                case 1:
                    gotPragma = Ascii.EqualsIgnoreCase(value, "content-type"u8);
                    break;
                case 2 when !charsetSeen:
                    var label = CharsetFromContent(value);
                    if (label.IsEmpty)
                        break;
                    charset = Lookup(label);
                    charsetSeen = true;
                    needPragma = true;
                    break;
                case 3:
                    charset = Lookup(value);
                    charsetSeen = true;
                    needPragma = false;
                    break;
            }
        }
        // A content attribute names the page's charset only beside http-equiv="Content-Type".
        if (needPragma is null || (needPragma == true && !gotPragma))
            return null;
        return charset;
    }

    /// <summary>
    /// The WHATWG "get an attribute": the next attribute's name and value as offsets into <paramref name="head"/>, or
    /// null at the tag's end. Values are left as written; comparisons ignore ASCII case.
    /// </summary>
    private static (int NameStart, int NameLength, int ValueStart, int ValueLength)? Attribute(ReadOnlySpan<byte> head, ref int position)
    {
        while (position < head.Length && (IsSpace(head[position]) || head[position] == '/'))
            position++;
        if (position >= head.Length || head[position] == '>')
            return null;
        var nameStart = position;
        // A leading '=' is part of the name; after that '=' separates name from value.
        position++;
        while (position < head.Length && head[position] is not ((byte)'=' or (byte)'/' or (byte)'>') && !IsSpace(head[position]))
            position++;
        var nameLength = position - nameStart;
        while (position < head.Length && IsSpace(head[position]))
            position++;
        if (position >= head.Length || head[position] != '=')
            return (nameStart, nameLength, position, 0);
        position++;
        while (position < head.Length && IsSpace(head[position]))
            position++;
        if (position >= head.Length)
            return (nameStart, nameLength, position, 0);
        var quote = head[position];
        if (quote is (byte)'"' or (byte)'\'')
        {
            var close = head[(position + 1)..].IndexOf(quote);
            if (close < 0)
            {
                position = head.Length;
                return null;
            }
            var valueStart = position + 1;
            position = valueStart + close + 1;
            return (nameStart, nameLength, valueStart, close);
        }
        var start = position;
        while (position < head.Length && head[position] != '>' && !IsSpace(head[position]))
            position++;
        return (nameStart, nameLength, start, position - start);
    }

    /// <summary>The WHATWG "extract a character encoding from a meta element": the label after "charset=" in content.</summary>
    internal static ReadOnlySpan<byte> CharsetFromContent(ReadOnlySpan<byte> content)
    {
        var position = 0;
        while (true)
        {
            var found = IndexOfIgnoreCase(content[position..], "charset"u8);
            if (found < 0)
                return default;
            position += found + "charset"u8.Length;
            while (position < content.Length && IsSpace(content[position]))
                position++;
            if (position < content.Length && content[position] == '=')
                break;
        }
        position++;
        while (position < content.Length && IsSpace(content[position]))
            position++;
        if (position >= content.Length)
            return default;
        if (content[position] is (byte)'"' or (byte)'\'')
        {
            var close = content[(position + 1)..].IndexOf(content[position]);
            return close < 0 ? default : content.Slice(position + 1, close);
        }
        var end = content[position..].IndexOfAny(SpaceOrSemicolon);
        return end < 0 ? content[position..] : content.Slice(position, end);
    }

    /// <summary>
    /// The code page for an encoding label, by the WHATWG label table (so "latin1" and "ascii" are windows-1252 and
    /// "gb2312" is GB18030, as in browsers); null for a label browsers do not know or .NET cannot decode.
    /// </summary>
    internal static int? Lookup(ReadOnlySpan<byte> label)
    {
        label = label.Trim(" \t\n\f\r"u8);
        if (label.IsEmpty || label.Length > 32)
            return null;
        Span<char> chars = stackalloc char[label.Length];
        if (Ascii.ToLower(label, chars, out _) != OperationStatus.Done
            || !Labels.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var codePage))
            return null;
        // A meta that claims UTF-16 is read as ASCII-compatible bytes, so it cannot be UTF-16; x-user-defined is
        // windows-1252 for the prescan (both WHATWG rules).
        return codePage switch
        {
            1200 or 1201 => Utf8CodePage,
            -1 => Windows1252CodePage,
            _ => codePage,
        };
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(haystack.Slice(i, lowerNeedle.Length), lowerNeedle))
                return i;
        }
        return -1;
    }

    private static readonly SearchValues<byte> SpaceOrTagEnd = SearchValues.Create(" \t\n\f\r>"u8);
    private static readonly SearchValues<byte> SpaceOrSemicolon = SearchValues.Create(" \t\n\f\r;"u8);

    private static bool IsSpace(byte b) => b is 0x09 or 0x0A or 0x0C or 0x0D or 0x20;

    private static bool IsAsciiLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    // The WHATWG Encoding Standard's labels (encodings.json) with the .NET code page that decodes each. Left out:
    // ISO-8859-10, -14 and -16 (no .NET code page) and the "replacement" labels (ISO-2022-KR, HZ and the like, which
    // browsers refuse to decode): those declarations are ignored and the bytes decide. 1200/1201 (UTF-16) and -1
    // (x-user-defined) are mapped by Lookup.
    private static readonly FrozenDictionary<string, int> Labels = new (int CodePage, string[] Labels)[]
    {
        (65001, ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]),
        (866, ["866", "cp866", "csibm866", "ibm866"]),
        (28592, ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"]),
        (28593, ["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"]),
        (28594, ["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"]),
        (28595, ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5", "iso_8859-5:1988"]),
        (28596, ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"]),
        (28597, ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"]),
        (28598, ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"]),
        (38598, ["csiso88598i", "iso-8859-8-i", "logical"]),
        (28603, ["iso-8859-13", "iso8859-13", "iso885913"]),
        (28605, ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"]),
        (20866, ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
        (21866, ["koi8-ru", "koi8-u"]),
        (10000, ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
        (874, ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"]),
        (1250, ["cp1250", "windows-1250", "x-cp1250"]),
        (1251, ["cp1251", "windows-1251", "x-cp1251"]),
        (1252, ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"]),
        (1253, ["cp1253", "windows-1253", "x-cp1253"]),
        (1254, ["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"]),
        (1255, ["cp1255", "windows-1255", "x-cp1255"]),
        (1256, ["cp1256", "windows-1256", "x-cp1256"]),
        (1257, ["cp1257", "windows-1257", "x-cp1257"]),
        (1258, ["cp1258", "windows-1258", "x-cp1258"]),
        (10007, ["x-mac-cyrillic", "x-mac-ukrainian"]),
        // The WHATWG GBK decoder is the GB18030 decoder, so GB2312 and GBK pages decode with GB18030 (a superset).
        (54936, ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk", "gb18030"]),
        (950, ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
        (51932, ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
        (50220, ["csiso2022jp", "iso-2022-jp"]),
        (932, ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"]),
        // WHATWG EUC-KR is Microsoft's superset (code page 949), not .NET's strict euc-kr (51949).
        (949, ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"]),
        (1201, ["unicodefffe", "utf-16be"]),
        (1200, ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]),
        (-1, ["x-user-defined"]),
    }.SelectMany(e => e.Labels.Select(label => KeyValuePair.Create(label, e.CodePage))).ToFrozenDictionary(StringComparer.Ordinal);
}
