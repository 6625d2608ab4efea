using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Evaluation.Deduplication;

/// <summary>
/// The syndication development set, generated from Reuters-21578 with a seed (never stored in the repository): agency
/// stories as sites republish them — furniture at top and bottom, a new headline, trimmed to 60–90 %, 2–5 % of words
/// edited, an agency line, paragraphs reordered — each transformation alone, every pair of them and all at once, one
/// copy per original so a copy is found against its original alone; plus hard negatives that must stay apart:
/// different stories of the same topic and day, and templated items (the same text with every number changed).
/// Files are plain-text pages (<c>.txt</c>), so the evaluation runs them through the pipeline's normaliser.
/// </summary>
public static partial class SyndicationSet
{
    public const string ManifestFile = "manifest.jsonl";

    public static readonly IReadOnlyList<string> Transformations = ["chrome", "headline", "trim", "edit", "agency", "reorder"];

    /// <summary>Every transformation alone, every pair ("trim+edit"), and all of them ("all").</summary>
    public static IReadOnlyList<string> Kinds { get; } = BuildKinds();

    public const string Original = "original";
    public const string TopicDayNegative = "negative-topic-day";
    public const string TemplatedNegative = "negative-templated";

    /// <param name="Group">Documents of one group are one story; different groups must stay apart.</param>
    /// <param name="Kind">original, a transformation kind, or a negative kind.</param>
    /// <param name="Partner">The page this one is scored against (its original, or the first page of its negative pair).</param>
    public sealed record Item(string Id, string FileName, string Group, string Kind, string Text, string? Partner = null);

    /// <summary>The set in arrival order: every original and first negative, then the copies and second negatives, shuffled.</summary>
    public static IReadOnlyList<Item> Generate(string reutersFolder, int seed = 13, int perKind = 100, int negativesPerKind = 150)
    {
        var random = new Random(seed);
        var documents = LoadProse(reutersFolder);
        var first = new List<Item>();
        var second = new List<Item>();
        var sites = Enumerable.Range(0, 5).Select(i => new Site(i)).ToArray();
        var pool = Shuffle(documents.Originals, random);
        var next = 0;
        foreach (var kind in Kinds)
        {
            for (var i = 0; i < perKind; i++)
            {
                var doc = pool[next++];
                var group = "g-" + doc.Id;
                first.Add(new Item(doc.Id, doc.Id + ".txt", group, Original, doc.Page()));
                var copy = Transform(doc, kind, sites[random.Next(sites.Length)], pool, random);
                second.Add(new Item($"{doc.Id}-{kind}", $"{doc.Id}-{kind}.txt", group, kind, copy, doc.Id));
            }
        }
        // Templated items: numbers-rich originals re-issued with every number changed (a later week's report).
        var templated = pool.Skip(next).Where(d => d.Numbers >= 4).Take(negativesPerKind).ToList();
        foreach (var doc in templated)
        {
            first.Add(new Item(doc.Id, doc.Id + ".txt", "g-" + doc.Id, TemplatedNegative, doc.Page()));
            var changed = doc with { Paragraphs = doc.Paragraphs.Select(p => ChangeNumbers(p, random)).ToList() };
            second.Add(new Item(doc.Id + "-templated", doc.Id + "-templated.txt", "t-" + doc.Id, TemplatedNegative, changed.Page(), doc.Id));
        }
        // Different stories of the same topic and day (none of them used above).
        var used = first.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var pairs = 0;
        foreach (var day in Shuffle(documents.Originals.Where(d => !used.Contains(d.Id)).GroupBy(d => (d.Day, d.Topic)).Where(g => g.Key.Topic.Length > 0 && g.Count() >= 2).ToList(), random))
        {
            if (pairs == negativesPerKind)
                break;
            var (a, b) = (day.First(), day.Skip(1).First());
            if (DedupEvaluation.ExactContainment(a.Body, b.Body) >= 0.2)
                continue;
            first.Add(new Item(a.Id, a.Id + ".txt", "g-" + a.Id, TopicDayNegative, a.Page()));
            second.Add(new Item(b.Id, b.Id + ".txt", "g-" + b.Id, TopicDayNegative, b.Page(), a.Id));
            pairs++;
        }
        return [.. Shuffle(first, random), .. Shuffle(second, random)];
    }

    /// <summary>Writes the pages and a manifest (arrival order, group, kind) into <paramref name="folder"/>.</summary>
    public static void Write(IReadOnlyList<Item> items, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "pages"));
        using var manifest = new StreamWriter(Path.Combine(folder, ManifestFile));
        foreach (var item in items)
        {
            File.WriteAllText(Path.Combine(folder, "pages", item.FileName), item.Text);
            manifest.WriteLine(JsonSerializer.Serialize(new { id = item.Id, file = item.FileName, group = item.Group, kind = item.Kind, partner = item.Partner }));
        }
    }

    public static bool IsSyndicationSet(string folder) => File.Exists(Path.Combine(folder, ManifestFile));

    public static IReadOnlyList<Item> Read(string folder)
    {
        var items = new List<Item>();
        foreach (var line in File.ReadLines(Path.Combine(folder, ManifestFile)))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var file = root.GetProperty("file").GetString()!;
            items.Add(new Item(root.GetProperty("id").GetString()!, file, root.GetProperty("group").GetString()!,
                root.GetProperty("kind").GetString()!, File.ReadAllText(Path.Combine(folder, "pages", file)),
                root.TryGetProperty("partner", out var partner) ? partner.GetString() : null));
        }
        return items;
    }

    private static List<string> BuildKinds()
    {
        var kinds = new List<string>(Transformations);
        for (var i = 0; i < Transformations.Count; i++)
            for (var j = i + 1; j < Transformations.Count; j++)
                kinds.Add(Transformations[i] + "+" + Transformations[j]);
        kinds.Add("all");
        return kinds;
    }

    private sealed record Doc(string Id, string Title, List<string> Paragraphs, string Day, string Topic)
    {
        public string Body => string.Join("\n\n", Paragraphs);

        public int Numbers => NumberPattern().Count(Body);

        public string Page() => Title + "\n\n" + Body + "\n";
    }

    private sealed record Corpus(List<Doc> All, List<Doc> Originals);

    /// <summary>
    /// Reuters stories of prose (at least 80 words, few figures, no tables) that are not copies of one another: the
    /// index and verification decide them in order at looser thresholds, and every story with more than one member
    /// (or a templated sibling) is left out.
    /// </summary>
    private static Corpus LoadProse(string folder)
    {
        var all = new List<Doc>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "dedup_pairs.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            listed.Add(json.RootElement.GetProperty("id_1").GetString()!);
            listed.Add(json.RootElement.GetProperty("id_2").GetString()!);
        }
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(folder, "reuters21578_all.jsonl.gz")), CompressionMode.Decompress)))
        {
            while (reader.ReadLine() is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
                var title = root.TryGetProperty("title", out var h) ? h.GetString() ?? "" : "";
                var id = $"reuters-{root.GetProperty("newid").GetInt32()}";
                if (text.Length == 0 || title.Length == 0 || listed.Contains(id) || TableLine().IsMatch(text))
                    continue;
                var paragraphs = Regex.Split(text, @"\n(?=\s)").Select(p => Spaces().Replace(p, " ").Trim())
                    .Where(p => p.Length > 0 && !p.Equals("Reuter", StringComparison.OrdinalIgnoreCase) && !p.Equals("REUTER", StringComparison.Ordinal))
                    .ToList();
                if (paragraphs.Count > 0 && paragraphs[^1].EndsWith(" Reuter", StringComparison.OrdinalIgnoreCase))
                    paragraphs[^1] = paragraphs[^1][..^" Reuter".Length];
                var words = paragraphs.Sum(p => p.Split(' ').Length);
                var topics = root.GetProperty("topics").EnumerateArray().Select(x => x.GetString() ?? "").ToList();
                var date = root.TryGetProperty("date", out var d) ? (d.GetString() ?? "").Split(' ')[0] : "";
                var doc = new Doc(id, title, paragraphs, date, topics.FirstOrDefault() ?? "");
                if (words >= 80 && words <= 1500 && doc.Numbers <= words / 8)
                    all.Add(doc);
            }
        }
        // Looser than the pipeline, with a verification of its own (the first one built: figures veto, sentences verify).
        // Pinned, not the pipeline's: the set must not change when the pipeline's defaults or verification do.
        var options = new DedupOptions { MinJaccard = 0.3, MinContainment = 0.5, CandidateJaccard = 0.1, CandidateContainment = 0.2 };
        var index = new DuplicateIndex(options, TimeProvider.System);
        var fingerprinter = new Fingerprinter();
        var stories = new Dictionary<string, int>(StringComparer.Ordinal);
        var storyOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var doc in all)
        {
            var fingerprint = fingerprinter.Compute(doc.Body);
            var verdict = SiblingVerdict(doc.Body, index.Candidates(fingerprint), bodies);
            // A vetoed candidate (other figures) still counts here: a templated sibling is no clean original either.
            var story = verdict.Vetoed.Count > 0
                ? storyOf[verdict.Vetoed.First()]
                : index.DecideAndAdd(doc.Id, doc.Id, fingerprint, verdict).StoryId;
            if (verdict.Vetoed.Count > 0)
                index.DecideAndAdd(doc.Id, doc.Id, fingerprint, verdict);
            bodies[doc.Id] = doc.Body;
            storyOf[doc.Id] = story;
            stories[story] = stories.GetValueOrDefault(story) + 1;
        }
        return new Corpus(all, all.Where(d => stories[storyOf[d.Id]] == 1).ToList());
    }

    /// <summary>
    /// Related earlier stories: a candidate whose figures mostly disagree is vetoed (a templated sibling), a loose one
    /// with 3+ sentences mostly found in this body is verified (a re-filed copy).
    /// </summary>
    private static CandidateVerdict SiblingVerdict(string body, IReadOnlyList<NearCandidate> candidates, Dictionary<string, string> bodies)
    {
        var vetoed = new List<string>();
        VerifiedMatch? best = null;
        foreach (var candidate in candidates)
        {
            var signals = SyndicationVerifier.Measure(body, bodies[candidate.ArticleId]);
            if (signals.NumberAgreement < 0.7)
                vetoed.Add(candidate.ArticleId);
            else if (!candidate.Strict && signals.Sentences >= 3 && signals.SentenceOverlap >= 0.7 && (best is null || signals.SentenceOverlap > best.Similarity))
                best = new VerifiedMatch(candidate.ArticleId, signals.SentenceOverlap, SyndicationVerifier.SentencesSignal);
        }
        return new CandidateVerdict(vetoed, best);
    }

    private static string Transform(Doc doc, string kind, Site site, List<Doc> pool, Random random)
    {
        var parts = kind == "all" ? Transformations.ToHashSet() : kind.Split('+').ToHashSet();
        var paragraphs = doc.Paragraphs.ToList();
        if (parts.Contains("trim"))
            paragraphs = Trim(paragraphs, 0.6 + random.NextDouble() * 0.3);
        if (parts.Contains("edit"))
            paragraphs = Edit(paragraphs, 0.02 + random.NextDouble() * 0.03, random);
        if (parts.Contains("reorder"))
            paragraphs = Reorder(paragraphs, random);
        if (parts.Contains("agency"))
            paragraphs.Add(AgencyLines[random.Next(AgencyLines.Length)]);
        var title = parts.Contains("headline") ? NewHeadline(doc.Title, random) : doc.Title;
        var page = new StringBuilder();
        var chrome = parts.Contains("chrome");
        if (chrome)
        {
            foreach (var line in site.Top)
                page.Append(line).Append("\n\n");
        }
        page.Append(title).Append("\n\n");
        for (var i = 0; i < paragraphs.Count; i++)
        {
            page.Append(paragraphs[i]).Append("\n\n");
            if (chrome && i == paragraphs.Count / 2 && paragraphs.Count > 2)
                page.Append("Advertisement\n\n");
        }
        if (chrome)
        {
            page.Append(site.Trailer).Append("\n\nRelated stories\n\n");
            for (var i = 0; i < 3; i++)
                page.Append(Capitalised(pool[random.Next(pool.Count)].Title)).Append("\n\n");
            foreach (var line in site.Bottom)
                page.Append(line).Append("\n\n");
        }
        return page.ToString();
    }

    /// <summary>Cut to length where a site would: after the paragraph (or sentence) that reaches the share.</summary>
    private static List<string> Trim(List<string> paragraphs, double share)
    {
        var sentences = paragraphs.Select(p => SentenceEnd().Split(p).ToList()).ToList();
        var total = paragraphs.Sum(p => p.Split(' ').Length);
        var keep = (int)Math.Round(total * share);
        var result = new List<string>();
        var words = 0;
        foreach (var paragraph in sentences)
        {
            var kept = new List<string>();
            foreach (var sentence in paragraph)
            {
                if (words >= keep)
                    break;
                kept.Add(sentence);
                words += sentence.Split(' ').Length;
            }
            if (kept.Count > 0)
                result.Add(string.Join(' ', kept));
            if (words >= keep)
                break;
        }
        return result;
    }

    /// <summary>Replaces, drops or inserts words (never a figure, in digits or words: subeditors change wording, not numbers).</summary>
    private static List<string> Edit(List<string> paragraphs, double share, Random random)
    {
        var words = paragraphs.Select(p => p.Split(' ').ToList()).ToList();
        var positions = words.SelectMany((w, p) => w.Select((word, i) => (p, i, word)))
            .Where(x => x.word.Any(char.IsLetter) && !x.word.Any(char.IsDigit) && !NumberWords.Contains(x.word.TrimEnd('.', ',', ';', ':').ToLowerInvariant())).ToList();
        var edits = Math.Max(1, (int)Math.Round(positions.Count * share));
        foreach (var (p, i, word) in Shuffle(positions, random).Take(edits).OrderByDescending(x => (x.p, x.i)))
        {
            switch (random.Next(3))
            {
                case 0:
                    words[p][i] = Replacement(word, random);
                    break;
                case 1:
                    words[p].RemoveAt(i);
                    break;
                default:
                    words[p].Insert(i, Inserted[random.Next(Inserted.Length)]);
                    break;
            }
        }
        return words.Where(w => w.Count > 0).Select(w => string.Join(' ', w)).ToList();
    }

    private static string Replacement(string word, Random random)
    {
        var bare = word.TrimEnd('.', ',', ';', ':');
        var tail = word[bare.Length..];
        return Synonyms.TryGetValue(bare.ToLowerInvariant(), out var synonym)
            ? synonym + tail
            : Replacements[random.Next(Replacements.Length)] + tail;
    }

    /// <summary>The lead stays first; the other paragraphs are shuffled (sites move quotes and background around).</summary>
    private static List<string> Reorder(List<string> paragraphs, Random random)
    {
        if (paragraphs.Count < 3)
            return paragraphs.Count == 2 ? [paragraphs[1], paragraphs[0]] : paragraphs;
        // Rotated as well as shuffled, so the order always changes.
        var rest = Shuffle(paragraphs.Skip(1), random);
        return [paragraphs[0], .. rest.Skip(1), rest[0]];
    }

    private static string NewHeadline(string title, Random random)
    {
        var words = Capitalised(title).Split(' ').ToList();
        if (words.Count > 4)
            words.RemoveAt(random.Next(1, words.Count));
        return HeadlinePrefixes[random.Next(HeadlinePrefixes.Length)] + string.Join(' ', words);
    }

    private static string Capitalised(string title)
    {
        var lower = title.ToLowerInvariant();
        return lower.Length == 0 ? lower : char.ToUpperInvariant(lower[0]) + lower[1..];
    }

    /// <summary>Every figure gets other digits (the first never 0, so no figure can stay as it was).</summary>
    private static string ChangeNumbers(string paragraph, Random random) => NumberPattern().Replace(paragraph, match =>
    {
        var digits = match.Value.ToCharArray();
        var first = true;
        for (var i = 0; i < digits.Length; i++)
        {
            if (!char.IsDigit(digits[i]))
                continue;
            var old = digits[i];
            do
                digits[i] = (char)('0' + (first ? random.Next(1, 10) : random.Next(10)));
            while (first && digits[i] == old);
            first = false;
        }
        return new string(digits);
    });

    private static List<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    /// <summary>A republishing site: its own menus, share bars, newsletter box, trailer and footer.</summary>
    private sealed class Site(int number)
    {
        private static readonly string[] Names = ["The Daily Ledger", "Metro Wire", "Harbour Times", "Northern Courier", "Capital Post"];

        private string Name => Names[number];

        public string[] Top =>
        [
            "Skip to content",
            $"{Name} | Home | World | Business | Markets | Opinion",
            "Share this article",
            "Advertisement",
        ];

        public string Trailer => $"For the latest news, weather, sports, and streaming video, head to {Name}.";

        public string[] Bottom =>
        [
            $"Sign up for the {Name} morning briefing, delivered to your inbox every weekday.",
            "Share this article",
            $"© 2026 {Name}. All rights reserved.",
        ];
    }

    private static readonly string[] AgencyLines =
    [
        "Additional reporting by Jane Mercer in London.",
        "(Reporting by Tom Ashby; Additional reporting by Priya Natarajan; Editing by Mark Heinrich)",
        "Additional reporting by the newsroom staff; writing by Claire Dubois.",
        "Reuters contributed to this report.",
    ];

    private static readonly string[] HeadlinePrefixes = ["", "UPDATE: ", "Markets: ", "Analysis - ", "Breaking: "];

    private static readonly HashSet<string> NumberWords = new(StringComparer.Ordinal)
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "half", "quarter",
    };

    private static readonly string[] Inserted = ["also", "now", "reportedly", "still", "however,"];

    private static readonly string[] Replacements = ["this", "the", "its", "their", "some", "major", "key", "new"];

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["said"] = "stated", ["told"] = "informed", ["pct"] = "percent", ["mln"] = "million", ["billion"] = "bln",
        ["dlrs"] = "dollars", ["company"] = "firm", ["government"] = "administration", ["expected"] = "forecast",
        ["increase"] = "rise", ["decrease"] = "fall", ["shares"] = "stock", ["agreed"] = "consented",
    };

    [GeneratedRegex(@"\d[\d.,/]*\d|\d")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""(])")]
    private static partial Regex SentenceEnd();

    // Column tables (figures aligned by runs of spaces) are not prose a site would syndicate.
    [GeneratedRegex(@"\S {3,}\S")]
    private static partial Regex TableLine();

    public static string Describe(IReadOnlyList<Item> items) =>
        items.Count.ToString(CultureInfo.InvariantCulture) + " pages: "
        + string.Join(", ", items.GroupBy(i => i.Kind).Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture)));
}
