namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>Tag classes the extractor reasons about.</summary>
internal static class HtmlTags
{
    /// <summary>Elements that start a new line when rendered, so their text is a paragraph of its own.</summary>
    public static bool IsBlock(string tag) => tag switch
    {
        "p" or "div" or "section" or "article" or "main" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6"
            or "ul" or "ol" or "li" or "dl" or "dt" or "dd" or "blockquote" or "pre" or "table" or "tr" or "td"
            or "th" or "thead" or "tbody" or "tfoot" or "caption" or "figure" or "figcaption" or "header" or "footer"
            or "address" or "hr" or "form" or "fieldset" or "center" or "details" or "summary" or "body" or "aside"
            or "nav" => true,
        _ => false,
    };

    /// <summary>Elements without content or end tag: the tree builder never keeps them open.</summary>
    public static bool IsVoid(string tag) =>
        tag is "area" or "base" or "basefont" or "bgsound" or "br" or "col" or "embed" or "frame" or "hr" or "image"
            or "img" or "input" or "keygen" or "link" or "meta" or "param" or "source" or "track" or "wbr";

    public static bool IsHeading(string tag) => tag is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";

    /// <summary>The score an element starts with as a container of paragraphs (Readability's initial weights).</summary>
    public static double BaseScore(string tag) => tag switch
    {
        "div" or "article" or "main" or "section" => 5,
        "pre" or "td" or "blockquote" => 3,
        "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
        _ => 0,
    };
}
