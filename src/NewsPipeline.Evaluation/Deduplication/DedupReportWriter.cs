using System.Globalization;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Evaluation.Deduplication;

public static class DedupReportWriter
{
    public static void WriteTable(TextWriter output, DedupEvaluation.Report report)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"{report.Name}: {report.Documents} documents in {report.Elapsed.TotalSeconds:F2} s"));
        output.WriteLine($"{"kind",-24} {"listed",7} {"found",7} {"recall",7}");
        foreach (var kind in report.Kinds)
            output.WriteLine(string.Create(inv, $"{kind.Kind,-24} {kind.Listed,7} {kind.Found,7} {kind.Recall,7:F4}"));
        output.WriteLine(string.Create(inv,
            $"predicted pairs {report.PredictedPairs}, listed among them {report.ListedFound}, unlisted {report.Unlisted.Count}: precision {report.Precision:F4}"));
        output.WriteLine(string.Create(inv,
            $"unlisted pairs that are trimmed/extended copies (exact containment >= threshold): {report.UnlistedCopies}; precision counting them correct {report.PrecisionCountingCopies:F4}"));
    }

    /// <summary>Each pair with its exact 5-shingle Jaccard and containment, so a reader can judge it.</summary>
    public static void WriteDetails(TextWriter output, DedupEvaluation.Report report, IReadOnlyDictionary<string, string> texts)
    {
        output.WriteLine($"# {report.Name}: unlisted linked pairs ({report.Unlisted.Count})");
        foreach (var (a, b) in report.Unlisted)
            WritePair(output, "unlisted", a, b, texts);
        output.WriteLine($"# {report.Name}: missed listed pairs ({report.Missed.Count})");
        foreach (var pair in report.Missed)
            WritePair(output, "missed " + pair.Kind, pair.A, pair.B, texts);
    }

    private static void WritePair(TextWriter output, string label, string a, string b, IReadOnlyDictionary<string, string> texts)
    {
        var ta = texts.GetValueOrDefault(a) ?? "";
        var tb = texts.GetValueOrDefault(b) ?? "";
        var sa = Fingerprinter.Shingles(ta);
        var sb = Fingerprinter.Shingles(tb);
        var common = sa.Count(sb.Contains);
        var jaccard = sa.Count + sb.Count - common == 0 ? 1 : (double)common / (sa.Count + sb.Count - common);
        var containment = Math.Min(sa.Count, sb.Count) == 0 ? 0 : (double)common / Math.Min(sa.Count, sb.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}\t{a}\t{b}\tjaccard={jaccard:F3}\tcontainment={containment:F3}\tshingles={sa.Count}/{sb.Count}"));
        output.WriteLine("  A: " + OneLine(ta));
        output.WriteLine("  B: " + OneLine(tb));
    }

    private static string OneLine(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
