using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Normalisation.PlainText;

/// <summary>The line patterns of saved web pages: widget debris, navigation and share markers, comment sections, metadata notes.</summary>
internal static partial class LinePatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Whole lines left by scripts and widgets that never belong to an article (the seed's "Oops!" block).</summary>
    [GeneratedRegex(@"^(oops!?|something went wrong\.?|please try again( later)?\.?|an error (has )?occurred\.?|loading\.*|advertisement|ad|sponsored|skip to (main )?content|skip (to )?navigation|story continues below( advertisement)?|continue reading( below)?|scroll to continue( with content)?|close|open|image|photo|video|play video|watch|listen|audio|click to expand|toggle navigation|back to top|javascript (is )?(required|disabled).*|this (video|content) is (not available|unavailable).*)$", Options)]
    public static partial Regex Debris();

    /// <summary>Share bars, menus, newsletter and legal lines: boilerplate when short.</summary>
    [GeneratedRegex(@"^(click to (share|email|print|tweet)|opens in (a )?new window|share|share this|tweet|email|e-mail|print|follow us|follow|subscribe|sign up|sign in|log in|login|register|newsletter|advertisement|advertising|related|related articles|related stories|read more|more from|you may also like|you might also like|recommended|trending|most popular|comments?|leave a (reply|comment)|\d+ comments?|copyright|©|all rights reserved|privacy policy|terms of (use|service)|cookie|skip to|menu|search|home)\b", Options)]
    public static partial Regex Marker();

    /// <summary>Headings that usually end the article (related links, comments, tags, author box).</summary>
    [GeneratedRegex(@"^(related|read more|more from|you may also like|you might also like|recommended( for you)?|trending|most popular|comments?|\d+ comments?|leave a (reply|comment)|about the author|share this( article| story)?|tags?:|filed under|sign up for|subscribe to)\b", Options)]
    public static partial Regex SoftEnd();

    /// <summary>Headings that open a comment section: the article has ended.</summary>
    [GeneratedRegex(@"^[\[(]?\s*(\d+\s+(comments?|responses?|replies|reactions)\b|(comments?|leave a (reply|comment)|post a comment|add a comment|join the (conversation|discussion)|reader comments|show comments|view comments|read all comments|conversation)\s*(\(\d+\))?\s*[\])]?\s*$|\d+ responses? to\b|\S.{0,40}\s(says|wrote):$)", Options)]
    public static partial Regex CommentsStart();

    /// <summary>A date or time of day: short lines carrying one are datelines or comment timestamps, not body.</summary>
    [GeneratedRegex(@"(\b\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|\b\d{1,2}:\d{2}\s*([ap]\.?m\.?)?\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\b\d{1,2}(st|nd|rd|th)?\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b)", Options)]
    public static partial Regex DateOrTime();

    /// <summary>"By Jane Doe and John Roe", "Posted by …", "Written by …" (the name part is captured).</summary>
    [GeneratedRegex(@"^(?:(?:posted|written|reported|story|words|text)\s+)?by[:\s]\s*(?<names>\S.{1,120})$", Options)]
    public static partial Regex Byline();

    /// <summary>"The Associated Press contributed to this report." / "Additional reporting by …".</summary>
    [GeneratedRegex(@"^(?:(?<who>.{2,120}?)\s+contributed(?:\s+reporting)?(?:\s+to)?\s+(?:this|the)\s+(?:report|story|article|reporting)|additional reporting by\s+(?<who>.{2,120}?))\s*\.?$", Options)]
    public static partial Regex ContributorNote();

    /// <summary>Site trailers: "For the latest news, …, head to The Hill." / "This article originally appeared on X."</summary>
    [GeneratedRegex(@"^(?:for the latest news\b.*\bhead to\s+(?<site>.{2,80}?)|this (?:article|story) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in|by) (?<site>.{2,80}?)|originally published (?:on|in|by) (?<site>.{2,80}?))\s*[.!]?$", Options)]
    public static partial Regex SiteTrailer();

    /// <summary>Lines near a headline that are not one: photo credits, share widgets, account links, reading time.</summary>
    [GeneratedRegex(@"(\bcredit\b|\bphoto(graph)?\b|\bimage\b|getty|©|\bshare\b|copy link|log ?out|sign ?in|\baccount\b|reading time|min(ute)?s? read|tempo de leitura|\bgallery\b|@\w)", Options)]
    public static partial Regex NotATitle();

    /// <summary>A page title's site suffix: "Headline | Site", "Headline – Site".</summary>
    [GeneratedRegex(@"^(?<title>.{8,}?)\s+(?:\||–|—|-|::|·)\s+(?<site>[^|–—]{2,40})$", Options)]
    public static partial Regex TitleSiteSuffix();

    /// <summary>Separators that end the names of a byline: " | ", " - date", ", Updated", " on Monday".</summary>
    [GeneratedRegex(@"\s+(?:\||•|·|—|–|-)\s+.*$|,?\s+(?:updated|published|posted|on)\b.*$|\s*,\s*(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b).*$", Options)]
    public static partial Regex BylineTail();

    /// <summary>Page chrome that is never a headline or a site name: share bars, account and menu links, breadcrumbs, labels.</summary>
    [GeneratedRegex(@"^(?:share|sharing|subscribe|newsletter|search|menu|advertis\w*|sponsored|updated|e-?mail|download|copyright|privacy|comments?)\b|share (?:this|on|to|via)\b|sharing (?:options|is caring)|\bsubscribe (?:to|now|for)\b|\bnewsletter$|\bjoin our\b|\bsign ?(?:in|out|up)\b|signed in as|copy (?:this )?link|you are here|shopping cart|add to (?:facebook|twitter|cart|wishlist)|^live tv$|^e-?mail|^(?:by|von|par|por)\s|\blog ?(?:in|out)\b|edit profile|switch site|skip to|show more|see all|browse all|view (?:pdf|all|more)\b|print mode|short url|click (?:here|for|to)\b|media playback|external links?|new window|\bcookies?\b|javascript|breaking news emails|most (?:commented|popular|read|viewed)\b|about this (?:rating|author)|filed (?:to|under)|posted (?:on|by|in)\b|last updated|publicado por|read (?:more|the original|next)\b|more info\b|tested by|search for:|(?:facebook|twitter|whatsapp|pinterest|linkedin|reddit|e-?mail)\W+(?:facebook|twitter|whatsapp|pinterest|pint|linkedin|reddit|e-?mail)\b|chevron_\w+|related (?:articles|stories|posts)|leave a reply|all rights reserved|©|privacy policy|terms of (?:use|service)|\s>\s|\s/$|^/|×|»»|^(?:text|текст|foto|photo|image|credit|source|tags?|categor(?:y|ia|ies))\s*:", Options)]
    public static partial Regex Chrome();

    /// <summary>Outlets and roles that end a credit line: "… Associated Press", "… USA TODAY", "… Staff Writer".</summary>
    [GeneratedRegex(@"\b(?:press|today|insider|staff|writer|reporter|correspondent|contributor|leader|news|times|post|journal|getty images|reuters|afp|ap)$", Options)]
    public static partial Regex CreditEnd();

    /// <summary>Where the date part of a byline starts: a date, a time, "Updated", "Published", "on Monday".</summary>
    [GeneratedRegex(@"(?:\s+[-–—|·•]\s+|,\s*|\s+)(?=(?:(?:updated|published|posted|on)\b|\d{1,4}[/.:-]\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b))", Options)]
    public static partial Regex BylineDateStart();

    /// <summary>"Source: ", "Via " before a site name.</summary>
    [GeneratedRegex(@"^(?:source|via|from|quelle|fuente|fonte)\s*:?\s+", Options)]
    public static partial Regex SourceLabel();

    /// <summary>A phrase that begins with a conjunction continues a headline: it is no site name.</summary>
    [GeneratedRegex(@"^(?:and|but|or|so|as|if|when|why|how|what)\b", Options)]
    public static partial Regex Conjunction();

    [GeneratedRegex(@"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*", Options)]
    public static partial Regex NameSeparator();
}
