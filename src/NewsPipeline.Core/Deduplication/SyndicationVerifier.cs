using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// Verifies a loose candidate on the two normalised bodies, which are what survives syndication: the normaliser has
/// already removed known and learned furniture (share bars, newsletter boxes, trailers, related links) and the headline
/// is not part of the body. A site's copy keeps most of the agency's sentences — cut at the end, moved around, a few
/// words changed — so the deciding signal is the share of the shorter body's sentences found in the longer one.
/// Templated items (the same weekly report with new figures) share their sentences too, so the figures of the shorter
/// body must also be found in the longer one. Pure and linear-ish in the bodies' sizes: it runs at the serialisation
/// point, for loose candidates only.
/// </summary>
public static partial class SyndicationVerifier
{
    public const string SentencesSignal = "sentences";

    /// <summary>Sentences shorter than this many words (datelines, agency lines) neither count nor match.</summary>
    private const int MinSentenceWords = 4;

    /// <summary>Bodies with fewer sentences than this verify only when all their figures agree.</summary>
    private const int ShortBodySentences = 3;

    /// <summary>Two sentences match when this share of the longer one's words are in the other (a few words edited).</summary>
    private const double SentenceMatch = 0.7;

    /// <summary>The signals for one pair (each also reported by evaluation, so thresholds are chosen on measurements).</summary>
    /// <param name="SentenceOverlap">Share of the shorter body's sentences with a matching sentence in the longer.</param>
    /// <param name="Containment">Exact share of the shorter body's 5-shingles found in the longer.</param>
    /// <param name="NumberAgreement">Share of the shorter body's distinct figures found in the longer (1 when it has none).</param>
    /// <param name="Sentences">Sentences of the shorter body that counted.</param>
    /// <param name="Jaccard">Exact 5-shingle Jaccard of the two bodies.</param>
    /// <param name="EntityAgreement">Share of the shorter body's names (capitalised words inside a sentence) found in the
    /// longer (1 when it has none).</param>
    /// <param name="ChangedFigures">Figures of the shorter body that stand between the same two words in the longer
    /// body, but are other figures there: what a templated item changes.</param>
    public sealed record Signals(double SentenceOverlap, double Containment, double NumberAgreement, int Sentences,
        double Jaccard, double EntityAgreement, int ChangedFigures);

    public static Signals Measure(string body, string other)
    {
        var a = Sentences(body);
        var b = Sentences(other);
        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        var sentenceOverlap = shorter.Count == 0 ? 0 : (double)shorter.Count(s => Matches(s, longer)) / shorter.Count;

        var tokensA = Fingerprinter.Tokens(body);
        var tokensB = Fingerprinter.Tokens(other);
        var (small, large) = tokensA.Count <= tokensB.Count ? (tokensA, tokensB) : (tokensB, tokensA);
        var smallShingles = Fingerprinter.ShingleHashes(small);
        var largeShingles = Fingerprinter.ShingleHashes(large);
        var common = smallShingles.Count(largeShingles.Contains);
        var containment = smallShingles.Count == 0 ? 0 : (double)common / smallShingles.Count;
        var union = smallShingles.Count + largeShingles.Count - common;
        var jaccard = union == 0 ? 1 : (double)common / union;

        var (smallText, largeText) = tokensA.Count <= tokensB.Count ? (body, other) : (other, body);
        var smallNumbers = Figures(smallText);
        var largeNumbers = Figures(largeText);
        var numbers = smallNumbers.Count == 0 ? 1 : (double)smallNumbers.Count(largeNumbers.Contains) / smallNumbers.Count;
        var smallNames = Names(smallText);
        var largeNames = Names(largeText);
        var names = smallNames.Count == 0 ? 1 : (double)smallNames.Count(largeNames.Contains) / smallNames.Count;
        return new Signals(sentenceOverlap, containment, numbers, shorter.Count, jaccard, names, ChangedInPlace(smallText, largeText));
    }

    /// <summary>
    /// A loose candidate is the match when its body shares enough with this one (Jaccard: a copy keeps most of the
    /// story), enough of the shorter body's sentences are in the longer, and its figures and names agree. A body of
    /// fewer than <see cref="ShortBodySentences"/> sentences says little by its sentences, so all its figures must agree.
    /// </summary>
    public static VerifiedMatch? Verify(string articleId, Signals signals, DedupOptions options) =>
        signals.Jaccard >= options.MinBodyJaccard
        && signals.Sentences >= options.MinVerifiedSentences
        && signals.SentenceOverlap >= options.MinSentenceOverlap
        && signals.NumberAgreement >= (signals.Sentences < ShortBodySentences ? 1 : options.MinNumberAgreement)
        && signals.EntityAgreement >= options.MinEntityAgreement
            ? new VerifiedMatch(articleId, Math.Round(signals.SentenceOverlap, 4), SentencesSignal)
            : null;

    /// <summary>
    /// The bodies' verdict on the index's candidates. Vetoed (never matched, however similar the signatures): a
    /// candidate with <see cref="DedupOptions.VetoChangedFigures"/> or more figures changed in place (a templated item:
    /// the same weekly report with new numbers passes every text threshold), and a strict candidate whose bodies share
    /// less than <see cref="DedupOptions.MinStrictBodyJaccard"/> (a short item inside a much longer, later story: the
    /// estimated containment passes, but the shorter is not a copy of the longer). Of the loose candidates, the one
    /// whose sentences verify best is the match.
    /// </summary>
    /// <param name="candidates">Each candidate with its body; a body no longer stored (null) is left to the signatures.</param>
    public static CandidateVerdict Judge(string body, IEnumerable<(NearCandidate Candidate, string? Body)> candidates, DedupOptions options)
    {
        List<string>? vetoed = null;
        VerifiedMatch? best = null;
        foreach (var (candidate, other) in candidates)
        {
            if (other is null)
                continue;
            var signals = Measure(body, other);
            if (signals.ChangedFigures >= options.VetoChangedFigures)
            {
                (vetoed ??= []).Add(candidate.ArticleId);
                continue;
            }
            // Bodies sharing this little: the signatures alone do not decide; it must verify as a loose candidate would.
            if (candidate.Strict && signals.Jaccard < options.MinStrictBodyJaccard)
                (vetoed ??= []).Add(candidate.ArticleId);
            else if (!candidate.Strict && Verify(candidate.ArticleId, signals, options) is { } match && (best is null || match.Similarity > best.Similarity))
                best = match;
        }
        return vetoed is null && best is null ? CandidateVerdict.None : new CandidateVerdict((IReadOnlyCollection<string>?)vetoed ?? [], best);
    }

    private sealed record Sentence(string Canonical, HashSet<string> Words, int Length);

    private static List<Sentence> Sentences(string body)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i < body.Length && !EndsSentence(body, i))
                continue;
            var tokens = Fingerprinter.Tokens(body[start..Math.Min(i + 1, body.Length)]);
            if (tokens.Count >= MinSentenceWords)
                sentences.Add(new Sentence(string.Join(' ', tokens), tokens.ToHashSet(StringComparer.Ordinal), tokens.Count));
            start = i + 1;
        }
        return sentences;
    }

    /// <summary>
    /// A blank line (a paragraph's end), or . ! ? followed by white space (so "3.5" does not split). A single line
    /// break is not an end: wire copy is hard-wrapped mid-sentence.
    /// </summary>
    private static bool EndsSentence(string text, int i) =>
        (text[i] == '\n' && i + 1 < text.Length && text[i + 1] is '\n' or '\r')
        || (text[i] is '.' or '!' or '?' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]));

    private static bool Matches(Sentence sentence, List<Sentence> others)
    {
        foreach (var other in others)
        {
            if (other.Canonical == sentence.Canonical)
                return true;
        }
        foreach (var other in others)
        {
            var longest = Math.Max(sentence.Words.Count, other.Words.Count);
            if (Math.Min(sentence.Words.Count, other.Words.Count) < SentenceMatch * longest)
                continue;
            if (sentence.Words.Count(other.Words.Contains) >= SentenceMatch * longest)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The figures of a text, as written ("2,000" and "2000" are one figure) and as words ("seven ships"): what a
    /// templated item changes from one issue to the next.
    /// </summary>
    private static HashSet<string> Figures(string text)
    {
        var figures = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in FigurePattern().Matches(text))
            figures.Add(match.Value.Replace(",", "", StringComparison.Ordinal).ToLowerInvariant());
        return figures;
    }

    /// <summary>
    /// Figures of the shorter text that stand between the same two words in the longer one but are other figures
    /// there ("arrange 1.5 billion" against "arrange 2.5 billion"). A syndicated copy or a correction changes none or
    /// one; a templated item (next week's report) changes them all.
    /// </summary>
    private static int ChangedInPlace(string shorter, string longer)
    {
        var figuresAt = new Dictionary<(string, string), HashSet<string>>();
        var large = Words(longer);
        for (var i = 0; i < large.Count; i++)
        {
            if (!IsFigure(large[i]))
                continue;
            var place = Place(large, i);
            if (!figuresAt.TryGetValue(place, out var figures))
                figuresAt[place] = figures = new HashSet<string>(StringComparer.Ordinal);
            figures.Add(large[i]);
        }
        var inLarger = large.Where(IsFigure).ToHashSet(StringComparer.Ordinal);
        var small = Words(shorter);
        var changed = 0;
        for (var i = 0; i < small.Count; i++)
        {
            if (IsFigure(small[i]) && !inLarger.Contains(small[i]) && figuresAt.TryGetValue(Place(small, i), out var there))
                changed++;
        }
        return changed;
    }

    /// <summary>The nearest word before and after that is not a figure (a run of figures changes together).</summary>
    private static (string, string) Place(List<string> words, int i)
    {
        var before = i - 1;
        while (before >= 0 && IsFigure(words[before]))
            before--;
        var after = i + 1;
        while (after < words.Count && IsFigure(words[after]))
            after++;
        return (before >= 0 ? words[before] : "", after < words.Count ? words[after] : "");
    }

    private static bool IsFigure(string word) => char.IsAsciiDigit(word[0]) || NumberWordPattern().IsMatch(word);

    /// <summary>Lower-case words and whole figures ("6-1/4", "1.5", "2,000" as 2000).</summary>
    private static List<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.Replace(",", "", StringComparison.Ordinal).ToLowerInvariant()).ToList();

    /// <summary>
    /// Names: capitalised words with a lower-case letter that do not start a sentence or a line (so "Comalco",
    /// "Nippon", not "The" or "REUTER"), lower-cased. Two templated items about different companies or cities differ here.
    /// </summary>
    private static HashSet<string> Names(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in NamePattern().Matches(text))
            names.Add(match.Value.ToLowerInvariant());
        return names;
    }

    [GeneratedRegex(@"\d(?:[\d,./-]*\d)?|[^\W\d_]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<![.!?]\s+|^|\n\s*)\b[A-Z][\w&'-]*[a-z][\w&'-]*\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|quarter)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberWordPattern();

    [GeneratedRegex(@"\d(?:[\d,.]*\d)?|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|quarter)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FigurePattern();
}
