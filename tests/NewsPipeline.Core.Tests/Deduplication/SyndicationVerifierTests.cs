using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Tests.Deduplication;

public sealed class SyndicationVerifierTests
{
    private static readonly DedupOptions Options = new();

    private static string[] Sentences => DedupTexts.Story.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A site's copy: cut to three sentences, reordered, a word edited in each, an agency line added.</summary>
    private static string SiteCopy => string.Join("\n\n",
        Sentences[2].Replace("argued", "claimed", StringComparison.Ordinal),
        Sentences[0].Replace("approve", "pass", StringComparison.Ordinal),
        Sentences[1].Replace("longer", "extended", StringComparison.Ordinal),
        "Additional reporting by Jane Doe.");

    [Fact]
    public void Measure_SiteCopy_FindsEveryAgencySentenceAndAgreeingFigures()
    {
        var signals = SyndicationVerifier.Measure(SiteCopy, DedupTexts.Story);

        // Three edited agency sentences found, the agency line (a sentence of 5 words) not.
        Assert.Equal(0.75, signals.SentenceOverlap);
        Assert.Equal(1.0, signals.NumberAgreement);
        Assert.Equal(4, signals.Sentences);
        Assert.InRange(signals.Containment, 0.5, 0.95);
    }

    [Fact]
    public void Measure_UnrelatedStory_SharesNoSentence()
    {
        var signals = SyndicationVerifier.Measure(DedupTexts.OtherStory, DedupTexts.Story);

        Assert.Equal(0.0, signals.SentenceOverlap);
        Assert.Null(SyndicationVerifier.Verify("other", signals, Options));
    }

    [Fact]
    public void Measure_FiguresWrittenDifferently_AreOneFigure()
    {
        var signals = SyndicationVerifier.Measure("Output rose to 2,000 tonnes in the year to March.", "Output rose to 2000 tonnes in the year to March.");

        Assert.Equal(1.0, signals.NumberAgreement);
    }

    [Fact]
    public void Judge_LooseCandidateWhoseSentencesMatch_IsVerifiedBySentences()
    {
        var candidate = new NearCandidate("a", 0.4, 0.6, Strict: false);

        var verdict = SyndicationVerifier.Judge(SiteCopy, [(candidate, DedupTexts.Story)], Options);

        Assert.Equal(new VerifiedMatch("a", 0.75, "sentences"), verdict.Verified);
        Assert.Empty(verdict.Vetoed);
    }

    [Fact]
    public void Judge_TemplatedItemWithOtherFigures_IsVetoedEvenWhenStrict()
    {
        var templated = DedupTexts.Story.Replace("twelve", "nine", StringComparison.Ordinal)
            .Replace("six hours", "four hours", StringComparison.Ordinal).Replace("two tram", "three tram", StringComparison.Ordinal);
        var candidate = new NearCandidate("a", 0.7, 0.8, Strict: true);

        var verdict = SyndicationVerifier.Judge(templated, [(candidate, DedupTexts.Story)], Options);

        Assert.Equal(["a"], verdict.Vetoed);
        Assert.Null(verdict.Verified);
    }

    [Fact]
    public void Judge_CandidateNoLongerStored_IsLeftToTheSignatures()
    {
        var verdict = SyndicationVerifier.Judge(SiteCopy, [(new NearCandidate("gone", 0.4, 0.6, false), null)], Options);

        Assert.Same(CandidateVerdict.None, verdict);
    }
}
