using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// Reads title, authors, date, site name, canonical URL and language. Sources in order of trust: JSON-LD and
/// OpenGraph/article meta (written for machines), then markup conventions (h1, rel=author, time), then the
/// document title.
/// </summary>
internal static class HtmlMetadataReader
{
    public static HtmlMetadata Read(IDocument document, CancellationToken budget)
    {
        var elements = PageElements.Collect(document, budget);
        var meta = HtmlText.ReadMetaTags(elements);
        var ld = new JsonLdArticle();
        foreach (var script in elements.JsonLdScripts)
            ld.Add(script.TextContent);
        var parsely = ParselyPage.Read(HtmlText.Meta(meta, "parsely-page"));

        var source = HtmlSiteName.Read(meta, ld, document.Title, elements);
        var title = HtmlTitle.Choose(document, elements, meta, ld, source, out var headline);
        var headlineOrder = headline is not null && elements.Order.TryGetValue(headline, out var order) ? order : 0;
        var (byline, authors) = HtmlAuthors.Read(meta, ld, parsely, elements, source, headlineOrder);
        var url = elements.Canonical ?? HtmlText.Meta(meta, "og:url") ?? ld.Url;
        var (published, modified) = HtmlDates.Read(meta, ld, parsely, elements, headlineOrder, headline ?? HtmlTitle.Shown(elements, title), url);
        var language = HtmlLanguage.Read(document, meta, ld);
        return new HtmlMetadata(title, byline, authors, source, url, published, modified, language, ld.ArticleBody,
            HtmlText.Clean(HtmlText.Meta(meta, "og:description") ?? HtmlText.Meta(meta, "description") ?? HtmlText.Meta(meta, "twitter:description")));
    }
}
