using System.Diagnostics;
using NewsPipeline.Core.Normalisation;

namespace NewsPipeline.Evaluation.Extraction;

/// <summary>Scores of one page; the fields that do not apply to its gold are null.</summary>
public sealed record PageResult(
    string File,
    string? Error,
    string? Title,
    string? GoldTitle,
    bool? TitleMatch,
    TokenScore? Tokens,
    SnippetScore? Snippets,
    int BodyChars,
    string? Group = null,
    MetadataScore? Metadata = null,
    MetadataOutput? Output = null,
    MetadataGold? Gold = null);

/// <summary>Matches of one metadata field over a set of pages.</summary>
public readonly record struct FieldRate(int Hits, int Total)
{
    public double Share => Total == 0 ? double.NaN : (double)Hits / Total;
}

/// <summary>Aggregates over a dataset: token scores are means over pages; snippet shares are over all snippets.</summary>
public sealed record ExtractionReport(IReadOnlyList<PageResult> Pages, TimeSpan Elapsed)
{
    public int Failures => Pages.Count(p => p.Error is not null);

    public int TokenPages => Pages.Count(p => p.Tokens is not null);

    public double Precision => Mean(p => p.Tokens?.Precision);

    public double Recall => Mean(p => p.Tokens?.Recall);

    public double F1 => Mean(p => p.Tokens?.F1);

    public int WithTotal => Pages.Sum(p => p.Snippets?.WithTotal ?? 0);

    public double WithFound => Share(Pages.Sum(p => p.Snippets?.WithFound ?? 0), WithTotal);

    public int WithoutTotal => Pages.Sum(p => p.Snippets?.WithoutTotal ?? 0);

    public double WithoutAbsent => Share(Pages.Sum(p => p.Snippets?.WithoutAbsent ?? 0), WithoutTotal);

    public int TitlePages => Pages.Count(p => p.TitleMatch is not null);

    public double TitleAccuracy => Share(Pages.Count(p => p.TitleMatch == true), TitlePages);

    public bool HasMetadata => Pages.Any(p => p.Metadata is { } m && (m.Author ?? m.Date ?? m.Site ?? m.Language) is not null);

    /// <summary>The source groups of the pages (metadata-dev: postlight-parser, metascraper, htmldate), in first-seen order.</summary>
    public IReadOnlyList<string> Groups => Pages.Select(p => p.Group).OfType<string>().Distinct().ToList();

    /// <summary>A metadata field's matches over the pages whose gold asserts it, within one group or over all.</summary>
    public FieldRate Rate(Func<MetadataScore, bool?> field, string? group = null)
    {
        var scored = Pages.Where(p => p.Metadata is not null && (group is null || p.Group == group))
            .Select(p => field(p.Metadata!)).Where(v => v is not null).ToList();
        return new FieldRate(scored.Count(v => v == true), scored.Count);
    }

    /// <summary>Exact title matches within one group or over all.</summary>
    public FieldRate TitleRate(string? group = null)
    {
        var scored = Pages.Where(p => p.TitleMatch is not null && (group is null || p.Group == group)).ToList();
        return new FieldRate(scored.Count(p => p.TitleMatch == true), scored.Count);
    }

    public double PagesPerSecond => Pages.Count / Math.Max(Elapsed.TotalSeconds, 1e-9);

    private double Mean(Func<PageResult, double?> selector)
    {
        var values = Pages.Select(selector).Where(v => v is not null).Select(v => v!.Value).ToArray();
        return values.Length == 0 ? double.NaN : values.Average();
    }

    private static double Share(int part, int total) => total == 0 ? double.NaN : (double)part / total;
}

public static class ExtractionEvaluator
{
    /// <summary>Runs every page through the normaliser (timed, extraction only), then scores the outputs.</summary>
    public static ExtractionReport Run(IArticleNormaliser normaliser, IReadOnlyList<ExtractionCase> cases)
    {
        var outputs = new NormalisationResult[cases.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases.Count; i++)
            outputs[i] = normaliser.Normalise(cases[i].FileName, cases[i].Content);
        var elapsed = clock.Elapsed;
        var pages = new PageResult[cases.Count];
        for (var i = 0; i < cases.Count; i++)
            pages[i] = Score(cases[i], outputs[i]);
        return new ExtractionReport(pages, elapsed);
    }

    private static PageResult Score(ExtractionCase page, NormalisationResult result)
    {
        var body = result.Article?.Body ?? "";
        var article = result.Article;
        var title = article?.Title;
        var output = article is null ? null
            : new MetadataOutput(article.Title, article.Byline, article.Authors, article.Source, article.Published, article.Language);
        MetadataScore? metadata = page.Metadata is null && page.Group is null ? null
            : MetadataMatch.Score(output, page.GoldTitle, page.Metadata ?? new MetadataGold(null, null, false, null, null));
        return new PageResult(
            page.File,
            result.Error,
            title,
            page.GoldTitle,
            page.GoldTitle is null ? null : TitleMatch.IsMatch(title, page.GoldTitle),
            page.GoldText is null ? null : TokenOverlap.Score(body, page.GoldText),
            page.With is null && page.Without is null ? null : SnippetMatch.Score(body, page.With ?? [], page.Without ?? []),
            body.Length,
            page.Group,
            metadata,
            metadata is null ? null : output,
            page.Metadata);
    }
}
