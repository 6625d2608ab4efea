using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsPipeline.Core.Normalisation.Html;

/// <summary>
/// General signals that a block is page furniture rather than article text: tag names, ARIA roles, class/id words
/// and whole-paragraph phrases. Deliberately site-agnostic (no per-site rules) so it holds on unseen pages.
/// </summary>
internal static partial class BoilerplatePatterns
{
    /// <summary>Elements whose content is never article text.</summary>
    public static bool IsJunkTag(string tag) => tag switch
    {
        "script" or "style" or "noscript" or "template" or "iframe" or "svg" or "canvas" or "object" or "embed"
            or "button" or "select" or "input" or "textarea" or "option" or "link" or "meta" or "head" or "title"
            or "nav" or "footer" or "aside" or "dialog" or "menu" or "video" or "audio" or "picture" or "map" => true,
        _ => false,
    };

    public static bool IsJunkRole(string? role) => role is not null && role.ToLowerInvariant() switch
    {
        "navigation" or "complementary" or "banner" or "contentinfo" or "menu" or "menubar" or "dialog"
            or "alertdialog" or "search" or "toolbar" or "tablist" => true,
        _ => false,
    };

    /// <summary>Hidden content (display:none, hidden, aria-hidden) is not what a reader sees.</summary>
    public static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
            return true;
        if (string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
            return true;
        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(style);
    }

    /// <summary>
    /// -25 for furniture words in class/id (comments, share bars, related links, ads, newsletter and cookie boxes),
    /// +25 for article words, as Readability weighs them; 0 when neither or both.
    /// </summary>
    public static int ClassWeight(IElement element) => ClassWeight(element.GetAttribute("class"), element.Id);

    /// <inheritdoc cref="ClassWeight(IElement)"/>
    public static int ClassWeight(string? cls, string? id) => Weight(ClassWordSignals.Of(cls)) + Weight(ClassWordSignals.Of(id));

    /// <summary>True when class/id says furniture and nothing says it might hold the article.</summary>
    public static bool IsUnlikelyCandidate(IElement element) => IsUnlikelyCandidate(element.GetAttribute("class"), element.Id);

    /// <inheritdoc cref="IsUnlikelyCandidate(IElement)"/>
    public static bool IsUnlikelyCandidate(string? cls, string? id)
    {
        var signals = ClassWordSignals.Of(cls) | ClassWordSignals.Of(id);
        return (signals & (ClassSignals.Unlikely | ClassSignals.MaybeCandidate)) == ClassSignals.Unlikely;
    }

    /// <summary>The patterns matched against one class or id word (see <see cref="ClassWordSignals"/>).</summary>
    internal static ClassSignals MatchWord(ReadOnlySpan<char> word)
    {
        var signals = ClassSignals.None;
        if (Unlikely().IsMatch(word)) signals |= ClassSignals.Unlikely;
        if (MaybeCandidate().IsMatch(word)) signals |= ClassSignals.MaybeCandidate;
        if (Negative().IsMatch(word)) signals |= ClassSignals.Negative;
        if (Positive().IsMatch(word)) signals |= ClassSignals.Positive;
        return signals;
    }

    private static int Weight(ClassSignals signals) =>
        ((signals & ClassSignals.Negative) != 0 ? -25 : 0) + ((signals & ClassSignals.Positive) != 0 ? 25 : 0);

    /// <summary>Short whole paragraphs that are page furniture wherever they occur.</summary>
    public static bool IsBoilerplateParagraph(string paragraph) =>
        (paragraph.Length < 120 && BoilerplateParagraph().IsMatch(paragraph))
        || (paragraph.Length < 250 && PromotionalSentence().IsMatch(paragraph));

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"(?:^|[\s_-])(?:ads?|advert\w*|adslot|adunit|dfp|gpt)(?:$|[\s_-])|banner|breadcrumb|combx|comment|community|cookie|consent|gdpr|disqus|extra|footer|header|masthead|legends|menu|related|recommend|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|pagination|pager|popup|modal|newsletter|subscri|signup|sign-up|share|sharing|promo|outbrain|taboola|toolbar|skip-link|sr-only|visually-hidden|screen-reader|print-only|most-popular|trending|byline|author-bio|tags|breaking-news|jump-link|paywall|overlay|login|topics|more-stories|read-more|next-article|prev-article|affiliate|disclaimer|caption|credit|timestamp|dateline|timeline|meta-|-meta|share|toc", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Unlikely();

    [GeneratedRegex(@"and|article|body|column|content|main|shadow|story|entry|post|text|prose", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaybeCandidate();

    [GeneratedRegex(@"(?:^|[\s_-])(?:ads?|advert\w*)(?:$|[\s_-])|hidden|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|recommend|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|newsletter|subscri|social|cookie|byline|author|caption|credit", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negative();

    [GeneratedRegex(@"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|paragraph", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Positive();

    /// <summary>Calls to action and legal small print that publishers append to every article.</summary>
    [GeneratedRegex(@"^(?:read more|also read|see also|related|category|tags?|filed under|posted in|release date)\s*:|all rights reserved|^©|^copyright\b|copyrighted property|permission must be obtained|(?:download|get) (?:the|our) [\w ]{0,30}apps?\b|follow (?:us|[\w ]{1,30}) on (?:twitter|facebook|instagram)|sign(?:ing)? up (?:for|to) (?:our|the)|\bnewsletters?\b|please subscribe|already a subscriber|subscribe (?:to|now|today)|advertising disclosure|(?:may )?receive (?:a )?compensation|affiliate (?:links?|commission)|contains references to products|if you enjoyed (?:reading )?this|we want to hear what you think|do you want to be informed|never miss (?:the|a|an)|submit your letter|log ?in for (?:immediate )?access|not responsible for the (?:opinions|views|content)|(?:get|receive) [\w'’ ]{0,60} by email", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PromotionalSentence();

    [GeneratedRegex(@"^(?:advertisements?|ad|sponsored( content)?|story continues below( advertisement)?|continue reading( below)?|read more|read next|related( articles?| stories| content| coverage)?|recommended( for you)?|more from .{0,40}|share( this)?( article| story| page)?|share (on|via) \w+|follow us.*|sign up.*|subscribe.*|click here.*|loading\.*|image:?|photo:?|getty images|skip to .*|back to top|print|email|comments?|\d+ comments?|leave a (comment|reply).*|advertisement - scroll to continue|this article is more than .* old|we use cookies.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoilerplateParagraph();
}
