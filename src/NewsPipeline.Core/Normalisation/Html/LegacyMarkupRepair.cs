using System.Buffers;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Closes the elements that make an HTML5 parser swallow the rest of an old page, the way legacy browsers recovered:
/// a <c>&lt;title&gt;</c> or <c>&lt;textarea&gt;</c> never closed (or closed only far below, past the head's end, the
/// body or another of its kind) is closed at the next tag, and a comment with no <c>--&gt;</c> after it ends at the
/// next <c>&gt;</c>. HTML5 reads all of those to the end of the file (or to a late end tag), so the page comes out as
/// one long title, one text box, or nothing. One forward scan that follows the tokenizer (comments, raw-text
/// elements, quoted attribute values, SVG and MathML) so that text which only looks like markup, as in a script, is
/// left alone; a well-formed page comes back unchanged, as the same buffer.
/// </summary>
internal static class LegacyMarkupRepair
{
    // A real title is a line; an unclosed one whose next tag is further off than this ends at its first line instead.
    private const int MaxTitleRun = 1024;

    /// <summary>
    /// The repaired page, in a new pooled buffer with the decoded one returned to the pool, or
    /// <paramref name="decoded"/> itself when nothing needs repair.
    /// </summary>
    public static (char[] Buffer, int Length) Repair((char[] Buffer, int Length) decoded)
    {
        var html = decoded.Buffer.AsSpan(0, decoded.Length);
        if (FindInsertions(html) is not { } insertions)
            return decoded;
        var buffer = ArrayPool<char>.Shared.Rent(html.Length + insertions.Sum(i => i.Text.Length));
        var length = Apply(html, insertions, buffer);
        ArrayPool<char>.Shared.Return(decoded.Buffer);
        return (buffer, length);
    }

    /// <summary>The repaired page, or <paramref name="html"/> itself when nothing needs repair.</summary>
    public static string Repair(string html)
    {
        if (FindInsertions(html) is not { } insertions)
            return html;
        return string.Create(html.Length + insertions.Sum(i => i.Text.Length), (html, insertions),
            static (span, state) => Apply(state.html, state.insertions, span));
    }

    private static int Apply(ReadOnlySpan<char> html, List<Insertion> insertions, Span<char> output)
    {
        var written = 0;
        var copied = 0;
        foreach (var (position, text) in insertions)
        {
            html[copied..position].CopyTo(output[written..]);
            written += position - copied;
            text.CopyTo(output[written..]);
            written += text.Length;
            copied = position;
        }
        html[copied..].CopyTo(output[written..]);
        return written + html.Length - copied;
    }

    private readonly record struct Insertion(int Position, string Text);

    /// <summary>Where to insert which end markup, in order; null for a page that needs none.</summary>
    private static List<Insertion>? FindInsertions(ReadOnlySpan<char> html)
    {
        List<Insertion>? insertions = null;
        var misses = new Misses();
        var foreign = 0;
        var position = 0;
        while (true)
        {
            var next = html[position..].IndexOf('<');
            if (next < 0)
                break;
            position += next;
            var rest = html[position..];
            if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = CommentEnd(html, position + 4, ref misses.Comment);
                if (end >= 0)
                {
                    position = end;
                    continue;
                }
                // Never closed: legacy browsers ended the comment at the next '>' ("--" before it closes it here).
                var gt = rest[4..].IndexOf('>');
                if (gt < 0)
                    break;
                position += 4 + gt;
                (insertions ??= []).Add(new Insertion(position, "--"));
                position++;
                continue;
            }
            if (rest.Length < 2)
                break;
            if (foreign > 0 && rest.StartsWith("<![CDATA[", StringComparison.Ordinal))
            {
                var end = rest.IndexOf("]]>", StringComparison.Ordinal);
                if (end < 0)
                    break;
                position += end + 3;
                continue;
            }
            var endTag = rest[1] == '/';
            var nameStart = endTag ? 2 : 1;
            if (rest.Length <= nameStart || !char.IsAsciiLetter(rest[nameStart]))
            {
                if (rest[1] is '!' or '?' or '/')
                {
                    // A doctype, processing instruction or stray "</ ": a bogus comment up to the next '>'.
                    var gt = rest.IndexOf('>');
                    if (gt < 0)
                        break;
                    position += gt + 1;
                }
                else
                {
                    position++;
                }
                continue;
            }
            var nameLength = rest[nameStart..].IndexOfAny(TagNameEnd);
            if (nameLength < 0)
                break;
            var name = rest.Slice(nameStart, nameLength);
            var tagEnd = TagEnd(html, position + nameStart + nameLength);
            if (tagEnd < 0)
                break;
            var isForeignRoot = name.Equals("svg", StringComparison.OrdinalIgnoreCase) || name.Equals("math", StringComparison.OrdinalIgnoreCase);
            if (endTag)
            {
                if (isForeignRoot && foreign > 0)
                    foreign--;
                position = tagEnd;
                continue;
            }
            var selfClosing = html[tagEnd - 2] == '/';
            if (isForeignRoot && !selfClosing)
                foreign++;
            // Inside SVG and MathML no element switches the tokenizer to raw text, and title is an ordinary element.
            if (foreign > 0 || RawTextEndTag(name) is not { } closing)
            {
                if (foreign == 0 && name.Equals("plaintext", StringComparison.OrdinalIgnoreCase))
                    break;
                position = tagEnd;
                continue;
            }
            var isTitle = closing == "</title";
            var isTextarea = closing == "</textarea";
            // Raw text with no end tag ends the scan, so only title and textarea misses need remembering.
            var unremembered = int.MaxValue;
            ref var miss = ref isTitle ? ref misses.Title : ref isTextarea ? ref misses.Textarea : ref unremembered;
            var close = EndTag(html, tagEnd, closing, ref miss);
            if (!isTitle && !isTextarea)
            {
                // An unclosed script or style runs to the end in browsers too; nothing after it is markup.
                if (close < 0)
                    break;
                position = close;
                continue;
            }
            var content = html[tagEnd..(close < 0 ? html.Length : close)];
            if (close >= 0 && !Swallows(content, isTitle))
            {
                position = close;
                continue;
            }
            var at = tagEnd + CloseAt(content, isTitle);
            (insertions ??= []).Add(new Insertion(at, isTitle ? "</title>" : "</textarea>"));
            position = at;
        }
        return insertions;
    }

    /// <summary>
    /// Whether the text between an RCDATA start tag and its end tag holds what only the rest of a page holds: the end
    /// of the head or body, a body, another element of the same kind (neither nests), or for a title, head elements
    /// or a long run with tags in it.
    /// </summary>
    private static bool Swallows(ReadOnlySpan<char> content, bool isTitle)
    {
        ReadOnlySpan<string> markers = isTitle
            ? ["<title", "</head", "<body", "</body", "</html", "<meta", "<link", "<script", "<style"]
            : ["<textarea", "</form", "<body", "</body", "</html"];
        foreach (var marker in markers)
        {
            var found = content.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (found >= 0 && (found + marker.Length == content.Length || IsTagNameEnd(content[found + marker.Length])))
                return true;
        }
        return isTitle && content.Length > MaxTitleRun && NextTag(content) >= 0;
    }

    /// <summary>
    /// Where an unclosed title or textarea ends, relative to its content: at the next tag; for a title whose next
    /// tag is far off, at the end of its first line of text.
    /// </summary>
    private static int CloseAt(ReadOnlySpan<char> content, bool isTitle)
    {
        var tag = NextTag(content);
        if (!isTitle)
            return tag < 0 ? 0 : tag;
        if (tag >= 0 && tag <= MaxTitleRun)
            return tag;
        var start = content.IndexOfAnyExcept(" \t\n\f\r");
        if (start < 0)
            return tag < 0 ? content.Length : tag;
        var lineEnd = content[start..].IndexOfAny('\r', '\n');
        var end = lineEnd < 0 ? content.Length : start + lineEnd;
        return Math.Min(end, start + MaxTitleRun);
    }

    /// <summary>The first '&lt;' that starts a tag or comment (followed by a letter, "/" and a letter, or "!").</summary>
    private static int NextTag(ReadOnlySpan<char> text)
    {
        var from = 0;
        while (true)
        {
            var lt = text[from..].IndexOf('<');
            if (lt < 0)
                return -1;
            var at = from + lt;
            if (at + 1 < text.Length && (char.IsAsciiLetter(text[at + 1]) || text[at + 1] == '!'
                || (text[at + 1] == '/' && at + 2 < text.Length && char.IsAsciiLetter(text[at + 2]))))
                return at;
            from = at + 1;
        }
    }

    /// <summary>The index just past the '&gt;' that ends a tag whose attributes start at <paramref name="from"/>, or -1.</summary>
    private static int TagEnd(ReadOnlySpan<char> html, int from)
    {
        var position = from;
        while (true)
        {
            var found = html[position..].IndexOfAny('>', '"', '\'');
            if (found < 0)
                return -1;
            position += found;
            if (html[position] == '>')
                return position + 1;
            // A quote opens a value only right after '=' (spaces allowed); there a '>' is text.
            var before = html[from..position].TrimEnd(" \t\n\f\r");
            if (before.Length > 0 && before[^1] == '=')
            {
                var close = html[(position + 1)..].IndexOf(html[position]);
                if (close < 0)
                    return -1;
                position += close + 1;
            }
            position++;
        }
    }

    /// <summary>The end of the comment whose text starts at <paramref name="from"/> (just past its '&gt;'), or -1.</summary>
    private static int CommentEnd(ReadOnlySpan<char> html, int from, ref int missFrom)
    {
        // "<!-->" and "<!--->" are whole (empty) comments.
        if (from < html.Length && html[from] == '>')
            return from + 1;
        if (from + 1 < html.Length && html[from] == '-' && html[from + 1] == '>')
            return from + 2;
        if (from >= missFrom)
            return -1;
        var position = from;
        while (true)
        {
            var dashes = html[position..].IndexOf("--", StringComparison.Ordinal);
            if (dashes < 0)
            {
                missFrom = from;
                return -1;
            }
            position += dashes + 2;
            // Any run of dashes may end a comment ("--->", "-----!>"): the end is what follows the whole run.
            while (position < html.Length && html[position] == '-')
                position++;
            if (position < html.Length && html[position] == '>')
                return position + 1;
            if (position + 1 < html.Length && html[position] == '!' && html[position + 1] == '>')
                return position + 2;
        }
    }

    /// <summary>
    /// The index of the end tag <paramref name="closing"/> (e.g. "&lt;/title") at or after <paramref name="from"/>,
    /// or -1; a search that found none is remembered so a later one for the same kind does not rescan the page.
    /// </summary>
    private static int EndTag(ReadOnlySpan<char> html, int from, string closing, ref int missFrom)
    {
        if (from >= missFrom)
            return -1;
        var position = from;
        while (true)
        {
            var found = html[position..].IndexOf(closing, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                missFrom = from;
                return -1;
            }
            position += found;
            var after = position + closing.Length;
            if (after == html.Length || IsTagNameEnd(html[after]))
                return position;
            position = after;
        }
    }

    /// <summary>The end tag that ends an element whose text the tokenizer does not read as markup, if it is one.</summary>
    private static string? RawTextEndTag(ReadOnlySpan<char> name)
    {
        foreach (var candidate in RawTextElements)
        {
            if (name.Equals(candidate.AsSpan(2), StringComparison.OrdinalIgnoreCase))
                return candidate;
        }
        return null;
    }

    // Raw text and RCDATA with scripting off (as the parser runs): noscript is ordinary markup then.
    private static readonly string[] RawTextElements =
        ["</script", "</style", "</title", "</textarea", "</xmp", "</iframe", "</noembed", "</noframes"];

    private static readonly SearchValues<char> TagNameEnd = SearchValues.Create(" \t\n\f\r/>");

    private static bool IsTagNameEnd(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r' or '/' or '>';

    /// <summary>Where a search for a never-closed kind came up empty: no later search for it can succeed.</summary>
    private struct Misses
    {
        public int Comment;
        public int Title;
        public int Textarea;

        public Misses()
        {
            Comment = Title = Textarea = int.MaxValue;
        }
    }
}
