using System.Globalization;
using System.Text;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Normalisation.Boilerplate;

namespace NewsPipeline.Evaluation.Deduplication;

/// <summary>
/// Scores the syndication set (<see cref="SyndicationSet"/>) the way the pipeline decides it: each page through the
/// plain-text normaliser (learning furniture as it goes), the fingerprinter, the index's candidates and the
/// verification on the bodies, in arrival order. Per kind: recall (a copy in its original's story), precision (of the
/// links a page of that kind took part in, the share inside its own group), and the signals measured against the
/// page's partner (original, or the other half of a negative pair), before and after furniture removal.
/// </summary>
public sealed class SyndicationEvaluation(DedupOptions options)
{
    public sealed record KindScore(string Kind, int Pages, int Found, int Links, int WrongLinks)
    {
        public double Recall => Pages == 0 ? 1 : (double)Found / Pages;

        public double Precision => Links == 0 ? 1 : (double)(Links - WrongLinks) / Links;
    }

    /// <summary>One second-phase page against its partner: what each signal says, and how it was decided.</summary>
    public sealed record PairSignals(string Kind, string Id, string PartnerId, bool Linked, string? Method, string? Signal,
        double? Similarity, bool Candidate, double Jaccard, SyndicationVerifier.Signals Body, SyndicationVerifier.Signals Page);

    /// <param name="WrongLinks">Every linked pair across groups, with how the later page was decided.</param>
    public sealed record Report(IReadOnlyList<KindScore> Kinds, int NegativePairsLinked, int NegativePairs,
        IReadOnlyList<PairSignals> Pairs, IReadOnlyDictionary<string, int> Methods, IReadOnlyList<string> WrongLinks, TimeSpan Elapsed);

    public Report Evaluate(IReadOnlyList<SyndicationSet.Item> items)
    {
        var started = TimeProvider.System.GetTimestamp();
        var normaliser = new ArticleNormaliser(new InMemoryBoilerplateStore());
        var fingerprinter = new Fingerprinter();
        var index = new DuplicateIndex(options, TimeProvider.System);
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var decisions = new Dictionary<string, (DedupDecision Decision, bool Candidate)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var normalised = normaliser.Normalise(item.FileName, Encoding.UTF8.GetBytes(item.Text));
            var body = normalised.Article?.Body ?? "";
            bodies[item.Id] = body;
            var fingerprint = fingerprinter.Compute(body);
            var candidates = index.Candidates(fingerprint);
            var verdict = SyndicationVerifier.Judge(body, candidates.Select(c => (c, bodies.GetValueOrDefault(c.ArticleId))), options);
            var decision = index.DecideAndAdd(item.Id, item.FileName, fingerprint, verdict);
            storyOf[item.Id] = decision.StoryId;
            decisions[item.Id] = (decision, candidates.Any(c => c.ArticleId == item.Partner));
        }
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        // Every pair of pages in one story is a link; a link across groups is wrong.
        var byStory = items.GroupBy(i => storyOf[i.Id]).Where(g => g.Count() > 1).ToList();
        var links = new Dictionary<string, (int All, int Wrong)>(StringComparer.Ordinal);
        var wrongLinks = new List<string>();
        foreach (var story in byStory)
        {
            var members = story.ToList();
            for (var i = 0; i < members.Count; i++)
                for (var j = i + 1; j < members.Count; j++)
                {
                    var wrong = members[i].Group != members[j].Group;
                    if (wrong)
                    {
                        var later = decisions[members[j].Id].Decision;
                        wrongLinks.Add($"{members[i].Id} ({members[i].Kind})\t{members[j].Id} ({members[j].Kind})\tby={later.MatchSignal} {later.Similarity}");
                    }
                    foreach (var kind in new[] { members[i].Kind, members[j].Kind }.Distinct())
                    {
                        var (all, bad) = links.GetValueOrDefault(kind);
                        links[kind] = (all + 1, bad + (wrong ? 1 : 0));
                    }
                }
        }

        var texts = items.ToDictionary(i => i.Id, i => i.Text, StringComparer.Ordinal);
        var pairs = new List<PairSignals>();
        var negativeLinked = 0;
        var negatives = 0;
        foreach (var item in items)
        {
            if (item.Partner is not { } partner)
                continue;
            var linked = storyOf[item.Id] == storyOf[partner];
            if (item.Kind is SyndicationSet.TopicDayNegative or SyndicationSet.TemplatedNegative)
            {
                negatives++;
                negativeLinked += linked ? 1 : 0;
            }
            var (decision, candidate) = decisions[item.Id];
            pairs.Add(new PairSignals(item.Kind, item.Id, partner, linked, decision.MatchMethod, decision.MatchSignal, decision.Similarity,
                candidate || (linked && decision.MatchSignal is not null), ExactJaccard(bodies[item.Id], bodies[partner]),
                SyndicationVerifier.Measure(bodies[item.Id], bodies[partner]), SyndicationVerifier.Measure(texts[item.Id], texts[partner])));
        }

        var kinds = new List<KindScore>();
        foreach (var kind in SyndicationSet.Kinds.Concat([SyndicationSet.TopicDayNegative, SyndicationSet.TemplatedNegative]))
        {
            var ofKind = pairs.Where(p => p.Kind == kind).ToList();
            var (all, wrong) = links.GetValueOrDefault(kind);
            var isNegative = kind is SyndicationSet.TopicDayNegative or SyndicationSet.TemplatedNegative;
            kinds.Add(new KindScore(kind, ofKind.Count, isNegative ? ofKind.Count(p => !p.Linked) : ofKind.Count(p => p.Linked), all, wrong));
        }
        var methods = decisions.Values.GroupBy(d => d.Decision.MatchSignal ?? "original").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new Report(kinds, negativeLinked, negatives, pairs, methods, wrongLinks, elapsed);
    }

    private static double ExactJaccard(string a, string b)
    {
        var sa = Fingerprinter.Shingles(a);
        var sb = Fingerprinter.Shingles(b);
        var common = sa.Count(sb.Contains);
        var union = sa.Count + sb.Count - common;
        return union == 0 ? 1 : (double)common / union;
    }

    public static void WriteTable(TextWriter output, Report report)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"syndication set: {report.Pairs.Count} pairs scored in {report.Elapsed.TotalSeconds:F2} s"));
        output.WriteLine($"{"kind",-22} {"pages",6} {"found",6} {"recall",7} {"links",6} {"wrong",6} {"precision",9}");
        foreach (var k in report.Kinds)
            output.WriteLine(string.Create(inv, $"{k.Kind,-22} {k.Pages,6} {k.Found,6} {k.Recall,7:F4} {k.Links,6} {k.WrongLinks,6} {k.Precision,9:F4}"));
        output.WriteLine(string.Create(inv, $"hard negatives wrongly linked: {report.NegativePairsLinked} of {report.NegativePairs}"));
        output.WriteLine("decided by: " + string.Join(", ", report.Methods.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {m.Value}")));
    }

    /// <summary>Per kind, the signals against the partner: minimum and median, on the normalised body and on the raw page.</summary>
    public static void WriteSignals(TextWriter output, Report report)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("signals against the partner, min / median (body = normalised body, page = whole page as saved)");
        output.WriteLine($"{"kind",-22} {"cand",5} {"jaccard",11} {"body sent",11} {"body cont",11} {"body num",11} {"names",11} {"changed",9} {"page sent",11} {"page cont",11}");
        foreach (var group in report.Pairs.GroupBy(p => p.Kind))
        {
            var list = group.ToList();
            string Stat(Func<PairSignals, double> f)
            {
                var values = list.Select(f).Order().ToList();
                return string.Create(inv, $"{values[0]:F2}/{values[values.Count / 2]:F2}");
            }
            output.WriteLine(string.Create(inv,
                $"{group.Key,-22} {list.Count(p => p.Candidate) / (double)list.Count,5:F2} {Stat(p => p.Jaccard),11} {Stat(p => p.Body.SentenceOverlap),11} {Stat(p => p.Body.Containment),11} {Stat(p => p.Body.NumberAgreement),11} {Stat(p => p.Body.EntityAgreement),11} {Stat(p => p.Body.ChangedFigures),9} {Stat(p => p.Page.SentenceOverlap),11} {Stat(p => p.Page.Containment),11}"));
        }
    }

    /// <summary>Every missed copy and every linked negative, with its signals, then every link across groups.</summary>
    public static void WriteDetails(TextWriter output, Report report)
    {
        foreach (var link in report.WrongLinks)
            output.WriteLine("wrong\t" + link);
        foreach (var p in report.Pairs.Where(p => p.Linked == p.Kind.StartsWith("negative", StringComparison.Ordinal)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(p.Linked ? "linked" : "missed")}\t{p.Kind}\t{p.Id}\t{p.PartnerId}\tcandidate={p.Candidate}\tjaccard={p.Jaccard:F3}\tsentences={p.Body.SentenceOverlap:F3} ({p.Body.Sentences})\tcontainment={p.Body.Containment:F3}\tnumbers={p.Body.NumberAgreement:F3}\tchanged-figures={p.Body.ChangedFigures}\tnames={p.Body.EntityAgreement:F3}\tby={p.Signal}"));
        }
    }
}
