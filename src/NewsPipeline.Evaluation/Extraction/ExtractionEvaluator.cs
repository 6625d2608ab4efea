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
    int BodyChars);

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
        var title = result.Article?.Title;
        return new PageResult(
            page.File,
            result.Error,
            title,
            page.GoldTitle,
            page.GoldTitle is null ? null : TitleMatch.IsMatch(title, page.GoldTitle),
            page.GoldText is null ? null : TokenOverlap.Score(body, page.GoldText),
            page.With is null && page.Without is null ? null : SnippetMatch.Score(body, page.With ?? [], page.Without ?? []),
            body.Length);
    }
}
