using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Tests.Deduplication;

public sealed class DuplicateIndexTests
{
    private static readonly Fingerprinter Fingerprinter = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private DuplicateIndex NewIndex(int maxCount = 1000, TimeSpan maxAge = default) =>
        new(new DedupOptions { MaxCount = maxCount, MaxAge = maxAge }, _time);

    private static Fingerprint F(string text) => Fingerprinter.Compute(text);

    [Fact]
    public void DecideAndAdd_FirstArticle_IsOriginalStartingItsOwnStory()
    {
        var decision = NewIndex().DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        Assert.False(decision.IsDuplicate);
        Assert.Equal(DedupTexts.Id(1), decision.StoryId);
        Assert.Null(decision.MatchMethod);
    }

    [Fact]
    public void DecideAndAdd_SameCanonicalText_IsExactDuplicate()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        var decision = index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.Story.ToUpperInvariant()));

        Assert.Equal(new DedupDecision(DedupTexts.Id(1), "a.txt", DedupTexts.Id(1), 1.0, "exact", "exact-key"), decision);
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("trimmed")]
    [InlineData("reporting")]
    public void DecideAndAdd_NearCopy_IsNearDuplicateOfTheOriginal(string kind)
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));
        var copy = kind switch
        {
            "edited" => DedupTexts.Edited(DedupTexts.Story),
            "trimmed" => DedupTexts.Trimmed(DedupTexts.Story),
            _ => DedupTexts.WithReporting(DedupTexts.Story),
        };

        var decision = index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(copy));

        Assert.Equal(("near", "jaccard"), (decision.MatchMethod, decision.MatchSignal));
        Assert.Equal(DedupTexts.Id(1), decision.DuplicateOf);
        Assert.Equal("a.txt", decision.DuplicateOfFileName);
        Assert.InRange(decision.Similarity!.Value, 0.3, 1.0);
    }

    [Fact]
    public void DecideAndAdd_CopyInsideALongerOne_IsContainedByContainment()
    {
        var index = NewIndex();
        var longer = DedupTexts.Story + "\n" + DedupTexts.OtherStory;
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(longer));

        var decision = index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.Story));

        Assert.Equal(("contained", "containment"), (decision.MatchMethod, decision.MatchSignal));
        Assert.InRange(decision.Similarity!.Value, 0.8, 1.0);
    }

    [Fact]
    public void Candidates_NearCopy_IsAStrictCandidate()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        var candidate = Assert.Single(index.Candidates(F(DedupTexts.Edited(DedupTexts.Story))));

        Assert.Equal(DedupTexts.Id(1), candidate.ArticleId);
        Assert.True(candidate.Strict);
    }

    [Fact]
    public void Candidates_ExactCopyOrVerificationOff_AreNone()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));
        var off = new DuplicateIndex(new DedupOptions { Verify = false }, _time);
        off.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        Assert.Empty(index.Candidates(F(DedupTexts.Story)));
        Assert.Empty(off.Candidates(F(DedupTexts.Edited(DedupTexts.Story))));
    }

    [Fact]
    public void DecideAndAdd_VetoedCandidate_IsOriginalThoughItsSignaturePasses()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        var decision = index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.Edited(DedupTexts.Story)), new CandidateVerdict([DedupTexts.Id(1)], null));

        Assert.False(decision.IsDuplicate);
    }

    [Fact]
    public void DecideAndAdd_VerifiedCandidate_JoinsItsStoryAsContainedNamingTheSignal()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        var decision = index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.OtherStory),
            new CandidateVerdict([], new VerifiedMatch(DedupTexts.Id(1), 0.9, "sentences")));

        Assert.Equal(new DedupDecision(DedupTexts.Id(1), "a.txt", DedupTexts.Id(1), 0.9, "contained", "sentences"), decision);
    }

    [Fact]
    public void DecideAndAdd_VerifiedCandidateNoLongerIndexed_IsOriginal()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));
        index.Remove(DedupTexts.Id(1));

        var decision = index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.OtherStory),
            new CandidateVerdict([], new VerifiedMatch(DedupTexts.Id(1), 0.9, "sentences")));

        Assert.False(decision.IsDuplicate);
    }

    [Fact]
    public void DecideAndAdd_UnrelatedArticle_IsOriginal()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        Assert.False(index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.OtherStory)).IsDuplicate);
    }

    [Fact]
    public void DecideAndAdd_CopyOfACopy_PointsAtTheStorysFirstMember()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "first.txt", F(DedupTexts.Story));
        index.DecideAndAdd(DedupTexts.Id(2), "second.txt", F(DedupTexts.WithReporting(DedupTexts.Story)));

        var third = index.DecideAndAdd(DedupTexts.Id(3), "third.txt", F(DedupTexts.WithReporting(DedupTexts.Story) + " Extra."));

        Assert.Equal(DedupTexts.Id(1), third.DuplicateOf);
        Assert.Equal("first.txt", third.DuplicateOfFileName);
        Assert.Equal(DedupTexts.Id(1), third.StoryId);
    }

    [Fact]
    public void DecideAndAdd_OverMaxCount_ForgetsTheOldest()
    {
        var index = NewIndex(maxCount: 2);
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));
        index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.OtherStory));
        index.DecideAndAdd(DedupTexts.Id(3), "c.txt", F("A third, unrelated piece about weather in the mountains this weekend and beyond."));

        var again = index.DecideAndAdd(DedupTexts.Id(4), "d.txt", F(DedupTexts.Story));

        Assert.False(again.IsDuplicate);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void DecideAndAdd_OlderThanMaxAge_IsForgotten()
    {
        var index = NewIndex(maxAge: TimeSpan.FromDays(7));
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));
        _time.Advance(TimeSpan.FromDays(6));
        Assert.True(index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.Story)).IsDuplicate);
        _time.Advance(TimeSpan.FromDays(8));

        var late = index.DecideAndAdd(DedupTexts.Id(3), "c.txt", F(DedupTexts.Story));

        Assert.False(late.IsDuplicate);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void DecideAndAdd_FirstMemberEvictedButCopiesRemain_StoryKeepsItsFirstMember()
    {
        var index = NewIndex(maxCount: 3);
        index.DecideAndAdd(DedupTexts.Id(1), "first.txt", F(DedupTexts.Story));
        index.DecideAndAdd(DedupTexts.Id(2), "copy.txt", F(DedupTexts.WithReporting(DedupTexts.Story)));
        index.DecideAndAdd(DedupTexts.Id(3), "other.txt", F(DedupTexts.OtherStory)); // the next one pushes first.txt out

        var late = index.DecideAndAdd(DedupTexts.Id(4), "late.txt", F(DedupTexts.WithReporting(DedupTexts.Story)));

        Assert.Equal(DedupTexts.Id(1), late.DuplicateOf);
        Assert.Equal("first.txt", late.DuplicateOfFileName);
        Assert.Equal(DedupTexts.Id(1), late.StoryId);
    }

    [Fact]
    public void Remove_IndexedArticle_IsNoLongerMatched()
    {
        var index = NewIndex();
        index.DecideAndAdd(DedupTexts.Id(1), "a.txt", F(DedupTexts.Story));

        Assert.True(index.Remove(DedupTexts.Id(1)));
        Assert.False(index.Remove(DedupTexts.Id(1)));
        Assert.Equal(0, index.Count);
        Assert.False(index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.Story)).IsDuplicate);
    }

    [Fact]
    public void Add_ReloadedEntries_DecideLikeTheOriginalIndex()
    {
        var reloaded = NewIndex();
        var fingerprint = F(DedupTexts.Story);
        reloaded.Add(new DedupEntry(DedupTexts.Id(1), "a.txt", DedupTexts.Id(1), fingerprint.BodyHash, fingerprint.Signature, _time.GetUtcNow()));
        var copy = F(DedupTexts.Edited(DedupTexts.Story));
        reloaded.Add(new DedupEntry(DedupTexts.Id(2), "b.txt", DedupTexts.Id(1), copy.BodyHash, copy.Signature, _time.GetUtcNow()));

        var decision = reloaded.DecideAndAdd(DedupTexts.Id(3), "c.txt", F(DedupTexts.Edited(DedupTexts.Story)));

        Assert.Equal(2 + 1, reloaded.Count);
        Assert.Equal("exact", decision.MatchMethod);
        Assert.Equal(DedupTexts.Id(1), decision.DuplicateOf);
        Assert.Equal("a.txt", decision.DuplicateOfFileName);
    }

    [Fact]
    public void Add_MemberWhoseFirstMemberIsGone_KeepsTheStoryId()
    {
        var index = NewIndex();
        var copy = F(DedupTexts.Story);
        index.Add(new DedupEntry(DedupTexts.Id(2), "b.txt", DedupTexts.Id(1), copy.BodyHash, copy.Signature, _time.GetUtcNow()));

        var decision = index.DecideAndAdd(DedupTexts.Id(3), "c.txt", F(DedupTexts.Story));

        Assert.Equal(DedupTexts.Id(1), decision.StoryId);
        Assert.Equal(DedupTexts.Id(1), decision.DuplicateOf);
        Assert.Null(decision.DuplicateOfFileName); // the recorder reads it from the store
    }

    [Fact]
    public void DecideAndAdd_ManyArticlesWithGrowthAndEviction_StaysConsistent()
    {
        var index = NewIndex(maxCount: 3000);
        var random = new Random(7);
        string Words(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => "w" + random.Next(100_000)));
        var texts = new List<string>();
        for (var i = 0; i < 5000; i++)
        {
            var text = Words(60);
            texts.Add(text);
            Assert.False(index.DecideAndAdd(DedupTexts.Id(i + 1), $"{i}.txt", F(text)).IsDuplicate);
        }
        Assert.Equal(3000, index.Count);

        Assert.True(index.DecideAndAdd(DedupTexts.Id(100_001), "late.txt", F(texts[4999] + " and one more sentence here")).IsDuplicate);
        Assert.False(index.DecideAndAdd(DedupTexts.Id(100_002), "old.txt", F(texts[0])).IsDuplicate);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DuplicateIndex(new DedupOptions { MinJaccard = 0 }, _time));
        Assert.Throws<ArgumentException>(() => new DuplicateIndex(new DedupOptions { MaxCount = DedupOptions.MaxSupportedCount + 1 }, _time));
    }

    [Fact]
    public void DecideAndAdd_AfterWrapAroundEvictionAndRemoval_NamesTheRightNonAsciiFile()
    {
        // Names of ~2 KB fill a 64 KiB arena chunk every ~30 articles, so the ring wraps across many freed chunks.
        static string Text(int n) => string.Join(' ', Enumerable.Range(0, 40).Select(k => $"word{n}x{k}"));
        static string Name(int n) => $"Zürich-東京-{n}-{new string('ä', 1000)}.txt";
        var index = NewIndex(maxCount: 50);
        for (var n = 0; n < 200; n++)
            index.DecideAndAdd(DedupTexts.Id(n), Name(n), F(Text(n)));
        Assert.True(index.Remove(DedupTexts.Id(180)));

        Assert.False(index.DecideAndAdd(DedupTexts.Id(1000), "copy-evicted.txt", F(Text(10))).IsDuplicate);
        Assert.False(index.DecideAndAdd(DedupTexts.Id(1001), "copy-removed.txt", F(Text(180))).IsDuplicate);
        for (var n = 199; n >= 185; n--)
        {
            var decision = index.DecideAndAdd(DedupTexts.Id(2000 + n), $"copy-{n}.txt", F(Text(n)));
            Assert.Equal(new DedupDecision(DedupTexts.Id(n), Name(n), DedupTexts.Id(n), 1.0, "exact", "exact-key"), decision);
        }
    }

    [Fact]
    public void Reserve_AfterArticlesWereIndexed_KeepsThemFindableAndCapsAtMaxCount()
    {
        var index = NewIndex(maxCount: 5000);
        index.DecideAndAdd(DedupTexts.Id(1), "Zürich.txt", F(DedupTexts.Story));
        var before = index.ApproximateBytes;

        index.Reserve(5000);
        var reserved = index.ApproximateBytes;
        index.Reserve(1_000_000);

        Assert.True(reserved > before);
        Assert.Equal(reserved, index.ApproximateBytes);
        Assert.Equal(new DedupDecision(DedupTexts.Id(1), "Zürich.txt", DedupTexts.Id(1), 1.0, "exact", "exact-key"),
            index.DecideAndAdd(DedupTexts.Id(2), "b.txt", F(DedupTexts.Story)));
    }
}
