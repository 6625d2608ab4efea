using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>What every metadata reader needs: the page's meta tags by name, cleaned text, short element text.</summary>
internal static class HtmlText
{
    internal static Dictionary<string, string> ReadMetaTags(PageElements elements)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in elements.Metas)
        {
            var key = element.GetAttribute("property") ?? element.GetAttribute("name")
                ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            // A few CMSs (and pages re-saved by some tools) write the value in "value", not "content".
            var content = element.GetAttribute("content") ?? element.GetAttribute("value");
            if (key is null || string.IsNullOrWhiteSpace(content))
                continue;
            meta.TryAdd(key.Trim(), content.Trim());
        }
        return meta;
    }

    internal static string? Meta(Dictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : null;

    /// <summary>Letters and digits only, lower case: "BostonGlobe.com", "The Boston Globe" and "bostonglobe" compare.</summary>
    internal static string Key(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    internal static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>
    /// The element's text when it has at most <paramref name="max"/> characters, else null: a candidate byline or date
    /// is short, and a container that merely has an author or date class (often the whole article) is not read whole.
    /// </summary>
    internal static string? ShortText(IElement element, int max)
    {
        var text = new System.Text.StringBuilder();
        return Append(element, text, max) ? text.ToString() : null;
    }

    private static bool Append(INode node, System.Text.StringBuilder text, int max)
    {
        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (child.NodeType == NodeType.Text)
            {
                text.Append(child.TextContent);
                if (text.Length > max)
                    return false;
            }
            else if (child.NodeType == NodeType.Element && !Append(child, text, max))
                return false;
        }
        return true;
    }

    /// <summary>The first descendant with itemprop="name", in page order: what QuerySelector("[itemprop=name]") finds, without parsing a selector per page.</summary>
    internal static IElement? FirstNameProperty(IElement item)
    {
        var children = item.Children;
        for (var i = 0; i < children.Length; i++)
        {
            var child = children[i];
            if (string.Equals(child.GetAttribute("itemprop"), "name", StringComparison.Ordinal))
                return child;
            if (FirstNameProperty(child) is { } found)
                return found;
        }
        return null;
    }

    internal static string? Clean(string? value)
    {
        if (value is null)
            return null;
        var cleaned = Normalisation.TextHygiene.CleanParagraph(value);
        return cleaned.Length == 0 ? null : cleaned;
    }
}
