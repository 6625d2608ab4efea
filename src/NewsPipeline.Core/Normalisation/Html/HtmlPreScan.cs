using System.Text;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// A tokenizer-level pass over the decoded page, before AngleSharp sees it, that bounds what the tree builder does.
/// AngleSharp caps the depth of the tree (MaximumDepth, 512 as in Blink) but not its stack of open elements, and its
/// scope checks walk that stack per tag: 280,000 nested divs never finish. So the pass models the stack of open
/// elements (void elements, implied closes, scopes, special elements, formatting elements the parser reopens) and
/// drops every start tag that would open an element past <see cref="HtmlBounds.MaxOpenElements"/>, with the end tags
/// that close such elements: their text stays, in order, inside the deepest element kept. It also counts elements
/// the elements it passes on against <see cref="HtmlBounds.MaxElements"/> and checks the budget every few hundred tags.
/// The model errs on the deep side (it may count an element open the parser has closed), never much on the shallow
/// side; on real pages (at most a few dozen levels) it drops nothing and the text is passed on unchanged.
/// </summary>
internal sealed class HtmlPreScan
{
    private const int BudgetCheckInterval = 256;

    // Open elements past which end tags that close nothing are dropped (real pages stay far below: AEB nests 51 deep).
    private const int DeepStack = 128;

    // Every index is into _stack; -1 is "none below".
    private readonly record struct Open(string Name, int Scope, int ButtonScope, int ListScope, int TableScope, int Special, bool Foreign);

    private readonly List<Open> _stack = [];
    // Where each name is open, innermost last: the in-scope tests of the tree builder become O(1).
    private readonly Dictionary<string, List<int>> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _names;
    // Elements dropped past the cap, by name: an end tag of such a name closes one of them and is dropped too.
    private readonly Dictionary<string, int> _dropped = new(StringComparer.Ordinal);
    private readonly List<Open> _reopen = [];
    private readonly int _maxOpen;
    private readonly int _maxElements;
    private readonly CancellationToken _budget;
    private bool _rawText;
    private int _elements;
    private int _tags;
    private int _deepest;

    private HtmlPreScan(int maxOpen, int maxElements, CancellationToken budget)
    {
        // The tree's depth counts html and body, which the model leaves out (the parser opens them itself).
        _maxOpen = maxOpen - 2;
        _maxElements = maxElements;
        _budget = budget;
        _names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>What the pass found: the text to parse (the input itself unless tags were dropped), or why not.</summary>
    /// <param name="Deepest">The most elements the model had open at once, below html and body.</param>
    internal readonly record struct Result(ReadOnlyMemory<char> Html, int Elements, int DroppedTags, int Deepest, string? Error);

    /// <summary>Scans <paramref name="html"/>; throws <see cref="OperationCanceledException"/> once the budget is spent.</summary>
    public static Result Run(ReadOnlyMemory<char> html, CancellationToken budget,
        int maxOpen = HtmlBounds.MaxOpenElements, int maxElements = HtmlBounds.MaxElements) =>
        new HtmlPreScan(maxOpen, maxElements, budget).Scan(html);

    private Result Scan(ReadOnlyMemory<char> memory)
    {
        var text = memory.Span;
        StringBuilder? output = null;
        var copied = 0;
        var dropped = 0;
        var i = 0;
        var pendingText = false;
        while (i < text.Length)
        {
            var lt = text[i..].IndexOf('<');
            if (lt < 0)
                break;
            pendingText |= lt > 0;
            i += lt;
            if (i + 1 >= text.Length)
                break;
            var next = text[i + 1];
            int end;
            if (next == '!')
            {
                end = text[i..].StartsWith("<!--", StringComparison.Ordinal) ? EndOfComment(text, i + 2) : EndOf(text, i + 2, ">");
                i = end;
                continue;
            }
            if (next == '?')
            {
                i = EndOf(text, i + 2, ">");
                continue;
            }
            var isEnd = next == '/';
            var nameStart = isEnd ? i + 2 : i + 1;
            if (nameStart >= text.Length || !char.IsAsciiLetter(text[nameStart]))
            {
                if (isEnd)
                {
                    // "</>" is dropped by the tokenizer, "</3" starts a bogus comment; neither is a tag.
                    i = EndOf(text, i + 2, ">");
                    continue;
                }
                pendingText = true;
                i++;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < text.Length && !IsNameEnd(text[nameEnd]))
                nameEnd++;
            end = SkipAttributes(text, nameEnd, out var selfClosing);
            if (end < 0)
                break; // an unterminated tag at the end of the file: the tokenizer drops it
            if (++_tags % BudgetCheckInterval == 0)
                _budget.ThrowIfCancellationRequested();

            var name = Intern(text[nameStart..nameEnd]);
            bool keep;
            if (isEnd)
            {
                keep = EndTag(name);
            }
            else
            {
                if (pendingText || !ClosesP(name))
                    Reopen();
                keep = StartTag(name, selfClosing);
            }
            // The cap bounds the DOM the parser builds: elements it will create count (implied ones, reopened
            // formatting elements, the p a stray </p> makes), dropped tags (which cost next to nothing) do not.
            if (_elements > _maxElements)
                return new Result(memory, _elements, dropped, _deepest, HtmlBounds.TooManyElements(_maxElements));
            pendingText = false;
            if (!keep)
            {
                output ??= new StringBuilder(text.Length);
                output.Append(text[copied..i]);
                copied = end;
                dropped++;
            }
            i = end;
            if (!isEnd && _rawText)
                i = SkipRawText(text, i, name);
        }
        if (output is null)
            return new Result(memory, _elements, 0, _deepest, null);
        output.Append(text[copied..]);
        return new Result(output.ToString().AsMemory(), _elements, dropped, _deepest, null);
    }

    private string Intern(ReadOnlySpan<char> name)
    {
        if (_names.TryGetValue(name, out var known))
            return known;
        var lower = name.ToString().ToLowerInvariant();
        _names.Dictionary[lower] = lower;
        return lower;
    }

    /// <summary>Applies a start tag to the model; false when it is dropped.</summary>
    private bool StartTag(string name, bool selfClosing)
    {
        _rawText = false;
        if (name is "html" or "head" or "body" or "frameset")
            return true; // merged into the elements the parser opened itself (no new element)
        var foreign = _stack.Count > 0 && _stack[^1].Foreign && !IsIntegrationPoint(_stack[^1].Name);
        if (foreign && IsBreakout(name))
        {
            // An HTML element inside SVG or MathML closes the foreign elements first.
            var firstHtml = _stack.Count - 1;
            while (firstHtml >= 0 && _stack[firstHtml].Foreign)
                firstHtml--;
            PopThrough(firstHtml + 1, keepFormatting: false);
            foreign = false;
        }
        foreign |= name is "svg" or "math";
        if (foreign && selfClosing)
        {
            _elements++;
            return true; // self-closing is honoured in foreign content only
        }
        string? impliedSection = null, impliedRow = null;
        if (!foreign)
        {
            if (name == "form" && TopmostIndex("form") >= 0)
                return true; // a form inside a form is ignored
            CloseImplied(name);
            if (HtmlTags.IsVoid(name))
            {
                _elements++;
                return true;
            }
            // A row straight in a table gets a tbody, a cell a tr (and a tbody): the parser opens them unasked.
            var current = _stack.Count > 0 ? _stack[^1].Name : "";
            if (name is "tr" or "td" or "th" && current == "table")
                impliedSection = "tbody";
            if (name is "td" or "th" && (impliedSection is not null || current is "tbody" or "thead" or "tfoot"))
                impliedRow = "tr";
        }
        var opens = 1 + (impliedSection is null ? 0 : 1) + (impliedRow is null ? 0 : 1);
        if (_stack.Count + opens > _maxOpen)
        {
            _dropped[name] = _dropped.GetValueOrDefault(name) + 1;
            return false;
        }
        if (impliedSection is not null)
            Push(impliedSection, foreign: false);
        if (impliedRow is not null)
            Push(impliedRow, foreign: false);
        Push(name, foreign);
        _rawText = !foreign && IsRawText(name);
        return true;
    }

    /// <summary>Applies an end tag to the model; false when it is dropped (it closes a dropped element, or nothing).</summary>
    private bool EndTag(string name)
    {
        if (_dropped.TryGetValue(name, out var count) && count > 0)
        {
            _dropped[name] = count - 1;
            return false;
        }
        if (_positions.TryGetValue(name, out var at) && at.Count > 0)
        {
            var index = at[^1];
            var top = _stack[^1];
            // An element is in scope when no boundary lies above it (a boundary is in scope of itself). A formatting
            // element with a block above it is handled by the adoption agency, which keeps the depth: left as it is.
            var closes = IsSpecial(name)
                ? index >= (name is "li" ? top.ListScope : name is "p" ? top.ButtonScope : top.Scope)
                : index >= top.Special && index >= top.Scope;
            if (closes)
            {
                PopThrough(index, keepFormatting: true);
                return true;
            }
        }
        // A stray </p> makes an empty p, a </br> a br.
        if (name is "p" or "br")
        {
            _elements++;
            return true;
        }
        // An end tag that closes nothing costs the parser a walk of its whole stack to find that out: harmless on real
        // pages (shallow), but a deep stack met by megabytes of such end tags is quadratic again. Deep, they are dropped.
        return _stack.Count < DeepStack || name is "html" or "head" or "body";
    }

    /// <summary>The elements a start tag closes first in the tree builder (an open p before a block, li before li…).</summary>
    private void CloseImplied(string name)
    {
        if (_stack.Count == 0)
            return;
        if (ClosesP(name) && TopmostIndex("p") is var p and >= 0 && p >= _stack[^1].ButtonScope)
            PopThrough(p, keepFormatting: true);
        switch (name)
        {
            case "li":
                if (TopmostIndex("li") is var li and >= 0 && li >= _stack[^1].ListScope)
                    PopThrough(li, keepFormatting: false);
                break;
            case "dd" or "dt":
                var d = Math.Max(TopmostIndex("dd"), TopmostIndex("dt"));
                if (d >= 0 && d >= _stack[^1].Scope)
                    PopThrough(d, keepFormatting: false);
                break;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                if (_stack.Count > 0 && _stack[^1].Name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                    PopThrough(_stack.Count - 1, keepFormatting: false);
                break;
            case "option":
                if (_stack.Count > 0 && _stack[^1].Name == "option")
                    PopThrough(_stack.Count - 1, keepFormatting: false);
                break;
            case "optgroup":
                if (_stack.Count > 0 && _stack[^1].Name == "option")
                    PopThrough(_stack.Count - 1, keepFormatting: false);
                if (_stack.Count > 0 && _stack[^1].Name == "optgroup")
                    PopThrough(_stack.Count - 1, keepFormatting: false);
                break;
            case "td" or "th":
                CloseInTableScope("td", "th");
                break;
            case "tr":
                CloseInTableScope("td", "th");
                CloseInTableScope("tr", "tr");
                break;
            case "thead" or "tbody" or "tfoot":
                CloseInTableScope("td", "th");
                CloseInTableScope("tr", "tr");
                CloseInTableScope("thead", "tbody", "tfoot");
                break;
            case "table":
                // A table straight inside a table (no cell between) closes it.
                if (TopmostIndex("table") is var t and >= 0 && t == _stack[^1].Scope)
                    PopThrough(t, keepFormatting: false);
                break;
            case "a" or "nobr" or "button" or "select":
                // A second one closes the first (the adoption agency for a and nobr); left as is across a block.
                if (TopmostIndex(name) is var same and >= 0 && same >= _stack[^1].Scope && same >= _stack[^1].Special)
                    PopThrough(same, keepFormatting: true);
                break;
        }
    }

    private void CloseInTableScope(params ReadOnlySpan<string> names)
    {
        var index = -1;
        foreach (var n in names)
            index = Math.Max(index, TopmostIndex(n));
        if (_stack.Count > 0 && index >= 0 && index >= _stack[^1].TableScope)
            PopThrough(index, keepFormatting: false);
    }

    private int TopmostIndex(string name) =>
        _positions.TryGetValue(name, out var at) && at.Count > 0 ? at[^1] : -1;

    private void Push(string name, bool foreign)
    {
        var index = _stack.Count;
        var below = index > 0 ? _stack[^1] : new Open("", -1, -1, -1, -1, -1, false);
        var scope = IsScopeBoundary(name) ? index : below.Scope;
        _stack.Add(new Open(
            name,
            scope,
            name == "button" ? index : Math.Max(scope, below.ButtonScope),
            name is "ol" or "ul" ? index : Math.Max(scope, below.ListScope),
            name is "table" or "template" or "html" ? index : below.TableScope,
            IsSpecial(name) ? index : below.Special,
            foreign));
        if (!_positions.TryGetValue(name, out var at))
            _positions[name] = at = [];
        at.Add(index);
        _deepest = Math.Max(_deepest, _stack.Count);
        _elements++;
    }

    /// <summary>
    /// Pops the open elements from the top down to <paramref name="index"/>. Formatting elements crossed on the way
    /// are reopened by the parser at the next text or tag (it keeps them in its list of active formatting elements),
    /// so the model keeps them open too.
    /// </summary>
    private void PopThrough(int index, bool keepFormatting)
    {
        for (var j = _stack.Count - 1; j >= index; j--)
        {
            var open = _stack[j];
            _stack.RemoveAt(j);
            var at = _positions[open.Name];
            at.RemoveAt(at.Count - 1);
            if (keepFormatting && j > index && IsFormatting(open.Name) && _reopen.Count < _maxOpen)
                _reopen.Add(open);
        }
    }

    private void Reopen()
    {
        for (var k = _reopen.Count - 1; k >= 0 && _stack.Count < _maxOpen; k--)
            Push(_reopen[k].Name, foreign: false);
        _reopen.Clear();
    }

    /// <summary>
    /// The end of a comment whose "&lt;!" is before <paramref name="from"/>: after "--&gt;" or "--!&gt;" (both end one;
    /// missing the second would read the rest of a page as a comment the parser does not see), or at "&lt;!--&gt;".
    /// </summary>
    private static int EndOfComment(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        while (true)
        {
            var at = text[i..].IndexOf("--", StringComparison.Ordinal);
            if (at < 0)
                return text.Length;
            i += at + 2;
            if (i < text.Length && text[i] == '>')
                return i + 1;
            if (i + 1 < text.Length && text[i] == '!' && text[i + 1] == '>')
                return i + 2;
            i--; // "--->" : the next "--" starts one further on
        }
    }

    private static int EndOf(ReadOnlySpan<char> text, int from, string terminator)
    {
        var at = text[from..].IndexOf(terminator, StringComparison.Ordinal);
        return at < 0 ? text.Length : from + at + terminator.Length;
    }

    /// <summary>Skips a tag's attributes (quoted values may hold '&gt;'); the index after '&gt;', or -1 at the end.</summary>
    private static int SkipAttributes(ReadOnlySpan<char> text, int i, out bool selfClosing)
    {
        selfClosing = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '>')
                return i + 1;
            if (c == '/')
            {
                selfClosing = i + 1 < text.Length && text[i + 1] == '>';
                i++;
                continue;
            }
            if (IsSpace(c))
            {
                i++;
                continue;
            }
            // An attribute name (its first character may be '='), then perhaps a value.
            i++;
            while (i < text.Length && !IsSpace(text[i]) && text[i] is not ('/' or '>' or '='))
                i++;
            while (i < text.Length && IsSpace(text[i]))
                i++;
            if (i >= text.Length || text[i] != '=')
                continue;
            i++;
            while (i < text.Length && IsSpace(text[i]))
                i++;
            if (i >= text.Length)
                return -1;
            if (text[i] is '"' or '\'')
            {
                var close = text[(i + 1)..].IndexOf(text[i]);
                if (close < 0)
                    return -1;
                i += close + 2;
            }
            else
            {
                while (i < text.Length && !IsSpace(text[i]) && text[i] != '>')
                    i++;
            }
        }
        return -1;
    }

    /// <summary>Skips the text of a raw-text element up to its end tag ("&lt;/script" then a name end).</summary>
    private static int SkipRawText(ReadOnlySpan<char> text, int i, string name)
    {
        if (name == "plaintext")
            return text.Length;
        while (i < text.Length)
        {
            var at = text[i..].IndexOf("</", StringComparison.Ordinal);
            if (at < 0)
                return text.Length;
            i += at;
            var nameEnd = i + 2 + name.Length;
            if (nameEnd <= text.Length && text.Slice(i + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (nameEnd == text.Length || IsNameEnd(text[nameEnd])))
                return i; // the end tag itself is scanned as a tag
            i += 2;
        }
        return text.Length;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

    private static bool IsNameEnd(char c) => IsSpace(c) || c is '/' or '>';

    // Script text stays raw here although the parser runs without scripting; noscript is then ordinary markup.
    private static bool IsRawText(string name) =>
        name is "script" or "style" or "textarea" or "title" or "xmp" or "iframe" or "noembed" or "noframes" or "plaintext";

    private static bool IsScopeBoundary(string name) =>
        name is "applet" or "caption" or "html" or "table" or "td" or "th" or "marquee" or "object" or "template"
            or "foreignobject" or "desc" or "mi" or "mo" or "mn" or "ms" or "mtext" or "annotation-xml";

    // Where SVG or MathML holds HTML again.
    private static bool IsIntegrationPoint(string name) =>
        name is "foreignobject" or "desc" or "title" or "mi" or "mo" or "mn" or "ms" or "mtext" or "annotation-xml";

    // HTML start tags that end foreign content.
    private static bool IsBreakout(string name) =>
        name is "b" or "big" or "blockquote" or "body" or "br" or "center" or "code" or "dd" or "div" or "dl" or "dt"
            or "em" or "embed" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "head" or "hr" or "i" or "img" or "li"
            or "listing" or "menu" or "meta" or "nobr" or "ol" or "p" or "pre" or "ruby" or "s" or "small" or "span"
            or "strong" or "strike" or "sub" or "sup" or "table" or "tt" or "u" or "ul" or "var" or "font";

    private static bool IsFormatting(string name) =>
        name is "a" or "b" or "big" or "code" or "em" or "font" or "i" or "nobr" or "s" or "small" or "strike" or "strong"
            or "tt" or "u";

    private static bool ClosesP(string name) =>
        name is "address" or "article" or "aside" or "blockquote" or "center" or "details" or "dialog" or "dir" or "div"
            or "dl" or "fieldset" or "figcaption" or "figure" or "footer" or "header" or "hgroup" or "main" or "menu"
            or "nav" or "ol" or "p" or "search" or "section" or "summary" or "ul" or "h1" or "h2" or "h3" or "h4"
            or "h5" or "h6" or "pre" or "listing" or "form" or "table" or "hr" or "xmp" or "plaintext" or "li" or "dd"
            or "dt";

    // The HTML standard's "special" category: an end tag of another name never closes across one of these.
    private static bool IsSpecial(string name) =>
        name is "address" or "applet" or "area" or "article" or "aside" or "base" or "basefont" or "bgsound"
            or "blockquote" or "body" or "br" or "button" or "caption" or "center" or "col" or "colgroup" or "dd"
            or "details" or "dir" or "div" or "dl" or "dt" or "embed" or "fieldset" or "figcaption" or "figure"
            or "footer" or "form" or "frame" or "frameset" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "head"
            or "header" or "hgroup" or "hr" or "html" or "iframe" or "img" or "input" or "keygen" or "li" or "link"
            or "listing" or "main" or "marquee" or "menu" or "meta" or "nav" or "noembed" or "noframes" or "noscript"
            or "object" or "ol" or "p" or "param" or "plaintext" or "pre" or "script" or "search" or "section"
            or "select" or "source" or "style" or "summary" or "table" or "tbody" or "td" or "template" or "textarea"
            or "tfoot" or "th" or "thead" or "title" or "tr" or "track" or "ul" or "wbr" or "xmp";
}
