using System.Buffers;
using System.Text.RegularExpressions;
using AngleSharp;
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

    // A description shorter than this is a slogan, not a summary worth keeping as the text.
    private const int MinDescriptionLength = 40;

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

    // AngleSharp's default services, less the attribute observer: it runs about thirty callbacks per attribute as the
    // tree is built (style sheet links, image sources, input types, class lists) that a read-only extractor never uses,
    // about a tenth of the parse. One configuration for all parses; each parse still gets its own browsing context.
    public static readonly IConfiguration ParserConfiguration =
        new Configuration(Configuration.Default.Services.Where(service => service is not IAttributeObserver).ToArray());

    /// <summary>Decodes the page bytes (BOM, declared charset, UTF-8 that claims to be Latin-1) and extracts.</summary>
    public NormalisationResult Normalise(ReadOnlySpan<byte> content) => Normalise(content, CancellationToken.None);

    /// <summary>
    /// As <see cref="Normalise(ReadOnlySpan{byte})"/>, within a budget: once <paramref name="budget"/> is cancelled
    /// (checked every few hundred tags and at every node of the walks) the page is rejected with
    /// <see cref="NormalisationResult.BudgetExceeded"/>.
    /// </summary>
    public NormalisationResult Normalise(ReadOnlySpan<byte> content, CancellationToken budget)
    {
        if (content.IsEmpty)
            return NormalisationResult.Failure("empty HTML file");
        var (buffer, length) = LegacyMarkupRepair.Repair(HtmlCharsetDecoder.DecodeRented(content));
        try
        {
            // The DOM may keep slices of the buffer; every string the result holds is built before it goes back.
            return Bounded(buffer.AsMemory(0, length), budget);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Extracts from HTML already held as text (e.g. an html field of a JSON article).</summary>
    public NormalisationResult NormaliseHtml(string html) => NormaliseHtml(html, CancellationToken.None);

    /// <summary>As <see cref="NormaliseHtml(string)"/>, within a budget (see <see cref="Normalise(ReadOnlySpan{byte}, CancellationToken)"/>).</summary>
    public NormalisationResult NormaliseHtml(string html, CancellationToken budget)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Bounded(LegacyMarkupRepair.Repair(html).AsMemory(), budget);
    }

    private static NormalisationResult Bounded(ReadOnlyMemory<char> html, CancellationToken budget)
    {
        try
        {
            // A budget already spent rejects the page the same way whatever its size.
            budget.ThrowIfCancellationRequested();
            return Extract(html, budget);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return NormalisationResult.BudgetExceeded();
        }
    }

    /// <summary>
    /// Parses after the pre-scan has bounded the nesting and counted the elements. With a budget that can run out,
    /// the parser checks it every few hundred tokens too (the pre-scan's model of the tree builder is close, not exact).
    /// </summary>
    private static IDocument? Parse(ReadOnlyMemory<char> html, CancellationToken budget, out string? error)
    {
        var scan = HtmlPreScan.Run(html, budget);
        error = scan.Error;
        if (error is not null)
            return null;
        var options = ParserOptions;
        if (budget.CanBeCanceled)
        {
            var tokens = 0;
            options.OnToken = (_, _) =>
            {
                if (++tokens % 256 == 0)
                    budget.ThrowIfCancellationRequested();
            };
        }
        return new HtmlParser(options, BrowsingContext.New(ParserConfiguration)).ParseDocument(scan.Html);
    }

    private static NormalisationResult Extract(ReadOnlyMemory<char> html, CancellationToken budget)
    {
        if (Parse(html, budget, out var error) is not { } document)
            return NormalisationResult.Failure(error!);
        var metadata = HtmlMetadataReader.Read(document, budget);
        var root = document.Body ?? document.DocumentElement;

        var paragraphs = ExtractBody(root, budget);
        if (TotalLength(paragraphs) < MinStrictLength)
            paragraphs = PreferTemplateBody(paragraphs, document, budget);
        paragraphs = PreferJsonLdBody(paragraphs, metadata.JsonLdBody);
        var contributors = TakeContributorNotes(paragraphs);
        if (metadata.Title is { } title && paragraphs.Count > 0 && string.Equals(paragraphs[0], title, StringComparison.OrdinalIgnoreCase))
            paragraphs.RemoveAt(0);
        // A page whose visible text is no article (a video, a post, a repository) still describes itself for sharing.
        if (paragraphs.Count == 0 && metadata.Description is { Length: >= MinDescriptionLength } description)
            paragraphs.Add(description);
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
            metadata.Language,
            metadata.Modified));
    }

    private static List<string> ExtractBody(IElement root, CancellationToken budget)
    {
        var (paragraphs, wholeBody) = Extract(root, strict: true, budget);
        // Falling back to the whole body, or finding little text, means the strict rules probably hid the article.
        if (wholeBody || TotalLength(paragraphs) < MinStrictLength)
        {
            var (lenient, lenientWholeBody) = Extract(root, strict: false, budget);
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
    private static List<string> PreferTemplateBody(List<string> paragraphs, IDocument document, CancellationToken budget)
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
        // The template is markup the page's pre-scan saw as script text: it is bounded on its own.
        if (Parse(template.AsMemory(), budget, out _) is not { } inner)
            return paragraphs;
        var fromTemplate = ExtractBody(inner.Body ?? inner.DocumentElement, budget);
        return TotalLength(fromTemplate) > 1.5 * TotalLength(paragraphs) ? fromTemplate : paragraphs;
    }

    private static (List<string> Paragraphs, bool WholeBody) Extract(IElement root, bool strict, CancellationToken budget)
    {
        var analysis = PageAnalysis.Run(root, strict, budget);
        var located = ContentLocator.Locate(root, analysis, budget);
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
