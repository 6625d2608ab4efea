using System.IO.Compression;
using System.Text.Json;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Evaluation.Deduplication;

/// <summary>
/// Runs documents through the Fingerprinter and the DuplicateIndex in order and scores the stories against listed
/// pairs: a predicted pair is any two documents in the same story.
/// </summary>
public sealed class DedupEvaluation(DedupOptions options)
{
    public sealed record Document(string Id, string Text);

    public sealed record ListedPair(string A, string B, string Kind, double? Jaccard);

    public sealed record KindScore(string Kind, int Listed, int Found)
    {
        public double Recall => Listed == 0 ? 1 : (double)Found / Listed;
    }

    /// <param name="UnlistedCopies">Unlisted linked pairs whose exact shingle containment reaches the threshold:
    /// one text is (nearly) inside the other — trimmed or extended copies, which the Jaccard-only list cannot hold.</param>
    public sealed record Report(string Name, int Documents, int PredictedPairs, int ListedFound, IReadOnlyList<KindScore> Kinds,
        IReadOnlyList<(string A, string B)> Unlisted, int UnlistedCopies, IReadOnlyList<ListedPair> Missed, TimeSpan Elapsed)
    {
        public double Precision => PredictedPairs == 0 ? 1 : (double)ListedFound / PredictedPairs;

        public double PrecisionCountingCopies => PredictedPairs == 0 ? 1 : (double)(ListedFound + UnlistedCopies) / PredictedPairs;
    }

    public Report Evaluate(string name, IReadOnlyList<Document> documents, IReadOnlyList<ListedPair> listed)
    {
        var started = TimeProvider.System.GetTimestamp();
        var fingerprinter = new Fingerprinter();
        var fingerprints = new Fingerprint[documents.Count];
        Parallel.For(0, documents.Count, i => fingerprints[i] = fingerprinter.Compute(documents[i].Text));

        var index = new DuplicateIndex(options, TimeProvider.System);
        var stories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            // The record step's flow: candidates from the index, their bodies judged, then the decision.
            var candidates = index.Candidates(fingerprints[i]);
            var verdict = candidates.Count == 0
                ? null
                : SyndicationVerifier.Judge(documents[i].Text, candidates.Select(c => (c, bodies.GetValueOrDefault(c.ArticleId))), options);
            var decision = index.DecideAndAdd(documents[i].Id, documents[i].Id, fingerprints[i], verdict);
            bodies.TryAdd(documents[i].Id, documents[i].Text);
            storyOf[documents[i].Id] = decision.StoryId;
            if (!stories.TryGetValue(decision.StoryId, out var members))
                stories[decision.StoryId] = members = [];
            members.Add(documents[i].Id);
        }
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        var listedSet = listed.Select(p => Key(p.A, p.B)).ToHashSet();
        var predicted = 0;
        var unlisted = new List<(string, string)>();
        foreach (var members in stories.Values)
        {
            for (var i = 0; i < members.Count; i++)
                for (var j = i + 1; j < members.Count; j++)
                {
                    predicted++;
                    if (!listedSet.Contains(Key(members[i], members[j])))
                        unlisted.Add((members[i], members[j]));
                }
        }

        bool Linked(ListedPair p) => storyOf.TryGetValue(p.A, out var a) && storyOf.TryGetValue(p.B, out var b) && a == b;
        var scored = listed.Where(p => storyOf.ContainsKey(p.A) && storyOf.ContainsKey(p.B)).ToList();
        var kinds = scored.GroupBy(p => p.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KindScore(g.Key, g.Count(), g.Count(Linked))).ToList();
        var nearHigh = scored.Where(p => p.Kind == "near" && p.Jaccard >= 0.8).ToList();
        if (nearHigh.Count > 0)
            kinds.Add(new KindScore("near (jaccard >= 0.8)", nearHigh.Count, nearHigh.Count(Linked)));
        kinds.Add(new KindScore("all", scored.Count, scored.Count(Linked)));
        var texts = documents.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First().Text);
        var copies = unlisted.Count(p => ExactContainment(texts[p.Item1], texts[p.Item2]) >= options.MinContainment);
        return new Report(name, documents.Count, predicted, scored.Count(Linked), kinds, unlisted, copies, scored.Where(p => !Linked(p)).ToList(), elapsed);
    }

    public static double ExactContainment(string a, string b)
    {
        var sa = Fingerprinter.Shingles(a);
        var sb = Fingerprinter.Shingles(b);
        var smaller = Math.Min(sa.Count, sb.Count);
        return smaller == 0 ? 0 : (double)sa.Count(sb.Contains) / smaller;
    }

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    /// <summary>Reuters-21578: title + blank line + text, empty texts skipped, in newid order.</summary>
    public static (List<Document> Documents, List<ListedPair> Pairs) LoadReuters(string folder)
    {
        var documents = new List<(int NewId, Document Doc)>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(folder, "reuters21578_all.jsonl.gz")), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                if (string.IsNullOrWhiteSpace(text))
                    continue;
                var title = root.TryGetProperty("title", out var h) ? h.GetString() ?? "" : "";
                var newId = root.GetProperty("newid").GetInt32();
                documents.Add((newId, new Document($"reuters-{newId}", title + "\n\n" + text)));
            }
        }
        var pairs = new List<ListedPair>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "dedup_pairs.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            pairs.Add(new ListedPair(root.GetProperty("id_1").GetString()!, root.GetProperty("id_2").GetString()!,
                root.GetProperty("kind").GetString()!, root.GetProperty("jaccard_5shingle").GetDouble()));
        }
        return (documents.OrderBy(d => d.NewId).Select(d => d.Doc).ToList(), pairs);
    }

    /// <summary>The MinHash smoke sets: every <c>X.truth</c> with an <c>X.train</c> or <c>X.train.gz</c> beside it.</summary>
    public static IEnumerable<(string Name, List<Document> Documents, List<ListedPair> Pairs)> LoadSynthetic(string folder)
    {
        foreach (var truth in Directory.EnumerateFiles(folder, "*.truth").Order(StringComparer.Ordinal))
        {
            var stem = truth[..^".truth".Length];
            var train = new[] { stem + ".train", stem + ".train.gz" }.FirstOrDefault(File.Exists);
            if (train is null)
                continue;
            using var stream = train.EndsWith(".gz", StringComparison.Ordinal)
                ? (Stream)new GZipStream(File.OpenRead(train), CompressionMode.Decompress)
                : File.OpenRead(train);
            using var reader = new StreamReader(stream);
            var documents = new List<Document>();
            while (reader.ReadLine() is { } line)
            {
                var space = line.IndexOf(' ');
                if (space > 0)
                    documents.Add(new Document(line[..space], line[(space + 1)..]));
            }
            var pairs = File.ReadLines(truth)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length == 2)
                .Select(p => new ListedPair(p[0], p[1], "truth", null))
                .ToList();
            yield return (Path.GetFileName(stem), documents, pairs);
        }
    }

    /// <summary>
    /// One report per data set in <paramref name="folder"/> (Reuters-21578, or each MinHash smoke set), each with its
    /// documents' texts by id for <see cref="DedupReportWriter.WriteDetails"/>; empty when the folder holds neither.
    /// </summary>
    public IReadOnlyList<(Report Report, Dictionary<string, string> Texts)> EvaluateFolder(string folder)
    {
        var reports = new List<(Report Report, Dictionary<string, string> Texts)>();
        if (IsReuters(folder))
        {
            var (documents, pairs) = LoadReuters(folder);
            reports.Add((Evaluate("reuters", documents, pairs), documents.ToDictionary(d => d.Id, d => d.Text)));
        }
        else
        {
            foreach (var (name, documents, pairs) in LoadSynthetic(folder))
                reports.Add((Evaluate(name, documents, pairs), documents.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First().Text)));
        }
        return reports;
    }

    public static bool IsReuters(string folder) =>
        File.Exists(Path.Combine(folder, "reuters21578_all.jsonl.gz")) && File.Exists(Path.Combine(folder, "dedup_pairs.jsonl"));
}
