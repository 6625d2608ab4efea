using System.Buffers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Extracts the article from an HTML page: decodes the bytes, parses with AngleSharp, scores containers
/// Readability-style to find the body, writes it as paragraphs, and reads metadata from JSON-LD, meta tags and markup.
/// Stateless and thread-safe.
/// </summary>
public sealed partial class HtmlArticleNormaliser
{
    // Under this many characters a strict pass probably threw the article away with the furniture; retry leniently.
    private const int MinStrictLength = 500;

    // Skip what the extractor never reads (comments, style sheets and other raw text, CDATA, processing instructions,
    // source positions): about a tenth of AngleSharp's parse. Script text stays: JSON-LD lives in scripts; and RCDATA
    // stays: <title> is RCDATA.
    public static readonly HtmlParserOptions ParserOptions = new()
    {
        IsScripting = false,
        IsKeepingSourceReferences = false,
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipRawText = true,
        SkipCDATA = true,
        SkipProcessingInstructions = true,
    };

    /// <summary>Decodes the page bytes (BOM, declared charset, UTF-8 that claims to be Latin-1) and extracts.</summary>
    public NormalisationResult Normalise(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
            return NormalisationResult.Failure("empty HTML file");
        var (buffer, length) = LegacyMarkupRepair.Repair(HtmlCharsetDecoder.DecodeRented(content));
        try
        {
            // The DOM may keep slices of the buffer; every string the result holds is built before it goes back.
            return Extract(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Extracts from HTML already held as text (e.g. an html field of a JSON article).</summary>
    public NormalisationResult NormaliseHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Extract(LegacyMarkupRepair.Repair(html).AsMemory());
    }

    private static NormalisationResult Extract(ReadOnlyMemory<char> html)
    {
        var document = new HtmlParser(ParserOptions).ParseDocument(html);
        var metadata = HtmlMetadataReader.Read(document);
        var root = document.Body ?? document.DocumentElement;

        var paragraphs = ExtractBody(root);
        if (TotalLength(paragraphs) < MinStrictLength)
            paragraphs = PreferTemplateBody(paragraphs, document);
        paragraphs = PreferJsonLdBody(paragraphs, metadata.JsonLdBody);
        var contributors = TakeContributorNotes(paragraphs);
        if (metadata.Title is { } title && paragraphs.Count > 0 && string.Equals(paragraphs[0], title, StringComparison.OrdinalIgnoreCase))
            paragraphs.RemoveAt(0);
        if (paragraphs.Count == 0)
            return NormalisationResult.Failure("no article text found in the HTML page");

        var body = string.Join(TextHygiene.ParagraphSeparator, paragraphs);
        return NormalisationResult.Success(ArticleFacts.Complete(
            metadata.Title ?? paragraphs[0],
            body,
            metadata.Byline,
            metadata.Authors,
            metadata.Source,
            contributors,
            metadata.Url,
            metadata.Published,
            metadata.Language));
    }

    private static List<string> ExtractBody(IElement root)
    {
        var (paragraphs, wholeBody) = Extract(root, strict: true);
        // Falling back to the whole body, or finding little text, means the strict rules probably hid the article.
        if (wholeBody || TotalLength(paragraphs) < MinStrictLength)
        {
            var (lenient, lenientWholeBody) = Extract(root, strict: false);
            if ((wholeBody && !lenientWholeBody) || TotalLength(lenient) > TotalLength(paragraphs))
                paragraphs = lenient;
        }
        return paragraphs;
    }

    /// <summary>
    /// Script-rendered pages (Blogger's dynamic views and other client-side templates) ship the post as HTML inside
    /// <c>&lt;script type="text/template"&gt;</c>, which a browser renders and a parser keeps as script text. When the
    /// visible page holds little text, extract from the largest such template instead, if it holds much more.
    /// </summary>
    private static List<string> PreferTemplateBody(List<string> paragraphs, IDocument document)
    {
        string? template = null;
        foreach (var script in document.Scripts)
        {
            var type = script.Type;
            if (type is null || !(type.Contains("template", StringComparison.OrdinalIgnoreCase) || type.Equals("text/html", StringComparison.OrdinalIgnoreCase)))
                continue;
            var text = script.Text;
            if (text.Length > (template?.Length ?? MinStrictLength))
                template = text;
        }
        if (template is null)
            return paragraphs;
        var inner = new HtmlParser(ParserOptions).ParseDocument(template);
        var fromTemplate = ExtractBody(inner.Body ?? inner.DocumentElement);
        return TotalLength(fromTemplate) > 1.5 * TotalLength(paragraphs) ? fromTemplate : paragraphs;
    }

    private static (List<string> Paragraphs, bool WholeBody) Extract(IElement root, bool strict)
    {
        var analysis = PageAnalysis.Run(root, strict);
        var located = ContentLocator.Locate(root, analysis);
        var wholeBody = located.Elements.Count == 1 && located.Elements[0] == root;
        return (ParagraphWriter.Write(located.Elements, analysis, located.Scores), wholeBody);
    }

    /// <summary>
    /// The JSON-LD articleBody is the publisher's own statement of the text; use it when the DOM pass found much less
    /// (paywall stubs, script-rendered bodies). It is often one block, so split it on its line breaks.
    /// </summary>
    private static List<string> PreferJsonLdBody(List<string> paragraphs, string? jsonLdBody)
    {
        if (jsonLdBody is null || jsonLdBody.Length < 200)
            return paragraphs;
        var fromLd = JsonLdParagraphBreak().Split(jsonLdBody)
            .Select(Normalisation.TextHygiene.CleanParagraph)
            .Where(p => p.Length > 0)
            .ToList();
        return TotalLength(fromLd) > 1.5 * TotalLength(paragraphs) ? fromLd : paragraphs;
    }

    /// <summary>"The Associated Press contributed to this report." closes many wire stories: metadata, not body.</summary>
    private static List<string> TakeContributorNotes(List<string> paragraphs)
    {
        var contributors = new List<string>();
        while (paragraphs.Count > 1 && ContributorNote().Match(paragraphs[^1]) is { Success: true } match)
        {
            contributors.Insert(0, match.Groups["who"].Value.Trim());
            paragraphs.RemoveAt(paragraphs.Count - 1);
        }
        return contributors;
    }

    private static int TotalLength(List<string> paragraphs)
    {
        var total = 0;
        foreach (var p in paragraphs) total += p.Length;
        return total;
    }

    [GeneratedRegex(@"\r?\n\s*")]
    private static partial Regex JsonLdParagraphBreak();

    [GeneratedRegex(@"^(?<who>[\p{Lu}][\w.'’ &-]{1,80}?) contributed (?:to )?(?:this )?(?:report|reporting|story)\b.{0,40}$")]
    private static partial Regex ContributorNote();
}
