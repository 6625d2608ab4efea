using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Tests.Deduplication;

public sealed class SyndicationVerifierTests
{
    private static readonly DedupOptions Options = new();

    private static string[] Sentences => DedupTexts.Story.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A site's copy as it reaches the record step: cut to four sentences, reordered, a word edited in three, a line of
    /// the site's own added (the normaliser has already taken its "Additional reporting by …" into contributors).
    /// </summary>
    private static string SiteCopy => string.Join("\n\n",
        Sentences[3],
        Sentences[2].Replace("argued", "claimed", StringComparison.Ordinal),
        Sentences[0].Replace("approve", "pass", StringComparison.Ordinal),
        Sentences[1].Replace("longer", "extended", StringComparison.Ordinal),
        "Read more about the budget below.");

    [Fact]
    public void Measure_SiteCopy_FindsEveryAgencySentenceAndAgreeingFigures()
    {
        var signals = SyndicationVerifier.Measure(SiteCopy, DedupTexts.Story);

        // Four agency sentences found (three edited), the site's line (a sentence of 6 words) not.
        Assert.Equal(0.8, signals.SentenceOverlap);
        Assert.Equal(1.0, signals.NumberAgreement);
        Assert.Equal(5, signals.Sentences);
        Assert.Equal(0, signals.ChangedFigures);
        Assert.InRange(signals.Containment, 0.5, 0.95);
        Assert.InRange(signals.Jaccard, Options.MinBodyJaccard, 0.9);
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

        Assert.Equal(new VerifiedMatch("a", 0.8, "sentences"), verdict.Verified);
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
    public void Measure_OneFigureCorrected_IsOneFigureChangedInPlace()
    {
        var corrected = DedupTexts.Story.Replace("twelve percent", "eleven percent", StringComparison.Ordinal);

        var signals = SyndicationVerifier.Measure(corrected, DedupTexts.Story);

        Assert.Equal(1, signals.ChangedFigures);
        Assert.Equal(1.0, signals.EntityAgreement);
    }

    [Fact]
    public void Judge_StrictCandidateWithOneFigureCorrected_IsNotVetoed()
    {
        var corrected = DedupTexts.Story.Replace("twelve percent", "eleven percent", StringComparison.Ordinal);

        var verdict = SyndicationVerifier.Judge(corrected, [(new NearCandidate("a", 0.9, 0.95, Strict: true), DedupTexts.Story)], Options);

        Assert.Same(CandidateVerdict.None, verdict);
    }

    [Fact]
    public void Judge_StrictCandidateMuchLongerThanThisItem_IsVetoed()
    {
        // The first sentence alone, inside the whole story: the estimated containment passes, the bodies share little.
        var flash = Sentences[0] + "\n\n" + Sentences[1];

        var verdict = SyndicationVerifier.Judge(flash, [(new NearCandidate("a", 0.4, 0.9, Strict: true), DedupTexts.Story + "\n" + DedupTexts.OtherStory)], Options);

        Assert.Equal(["a"], verdict.Vetoed);
    }

    [Fact]
    public void Verify_SameSentencesAboutAnotherCity_IsNotAMatch()
    {
        var story = DedupTexts.Story.Replace("The city council", "The Leeds council", StringComparison.Ordinal)
            .Replace("The mayor", "Mayor Jones", StringComparison.Ordinal).Replace("Transport unions", "Unite and Aslef", StringComparison.Ordinal);
        var other = story.Replace("Leeds", "Bristol", StringComparison.Ordinal).Replace("Jones", "Rees", StringComparison.Ordinal)
            .Replace("Unite and Aslef", "GMB and Unison", StringComparison.Ordinal);

        var signals = SyndicationVerifier.Measure(other, story);

        Assert.True(signals.SentenceOverlap >= Options.MinSentenceOverlap, $"sentence overlap {signals.SentenceOverlap}");
        Assert.True(signals.EntityAgreement < Options.MinEntityAgreement, $"names {signals.EntityAgreement}");
        Assert.Null(SyndicationVerifier.Verify("a", signals, Options));
    }

    [Fact]
    public void Verify_TwoSentenceBody_NeedsEveryFigure()
    {
        var two = Sentences[0] + "\n\n" + Sentences[1];
        var otherFigure = two.Replace("two tram", "three tram", StringComparison.Ordinal);

        Assert.NotNull(SyndicationVerifier.Verify("a", SyndicationVerifier.Measure(two, two + "\n\n" + Sentences[2]), Options));
        Assert.Null(SyndicationVerifier.Verify("a", SyndicationVerifier.Measure(otherFigure, two + "\n\n" + Sentences[2]), Options));
    }

    [Fact]
    public void Judge_CandidateNoLongerStored_IsLeftToTheSignatures()
    {
        var verdict = SyndicationVerifier.Judge(SiteCopy, [(new NearCandidate("gone", 0.4, 0.6, false), null)], Options);

        Assert.Same(CandidateVerdict.None, verdict);
    }
}
