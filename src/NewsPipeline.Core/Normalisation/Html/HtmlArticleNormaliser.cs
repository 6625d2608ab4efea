using System.Text;
using AngleSharp.Html.Parser;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// PLACEHOLDER (branch `normalise`): the `html` branch provides the real extractor under this name and signatures; the
/// coordinator replaces this file at merge. It only decodes UTF-8 and keeps the text of &lt;p&gt; elements.
/// </summary>
public sealed class HtmlArticleNormaliser
{
    public NormalisationResult Normalise(ReadOnlySpan<byte> content) =>
        NormaliseHtml(Encoding.UTF8.GetString(content));

    public NormalisationResult NormaliseHtml(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var paragraphs = document.QuerySelectorAll("p").Select(p => p.TextContent);
        var body = TextHygiene.CleanBody(paragraphs);
        if (body.Length == 0)
            return NormalisationResult.Failure("no article text");
        var title = TextHygiene.CleanParagraph(document.Title ?? "");
        return NormalisationResult.Success(ArticleFacts.Complete(title, body, null, [], null, [], null, null, null));
    }
}
