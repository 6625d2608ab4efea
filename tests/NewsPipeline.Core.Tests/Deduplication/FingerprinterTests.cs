using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Tests.Deduplication;

public sealed class FingerprinterTests
{
    private readonly Fingerprinter _fingerprinter = new();

    [Fact]
    public void Compute_WhitespaceCaseAndPunctuationDiffer_SameExactKey()
    {
        var a = _fingerprinter.Compute("The Council voted, on Tuesday.\n\nIt passed.");
        var b = _fingerprinter.Compute("  the council   VOTED on tuesday -- it passed  ");

        Assert.Equal(a.BodyHash, b.BodyHash);
        Assert.Equal(a.Signature, b.Signature);
    }

    [Fact]
    public void Compute_OneWordChanged_DifferentExactKey()
    {
        Assert.NotEqual(_fingerprinter.Compute(DedupTexts.Story).BodyHash, _fingerprinter.Compute(DedupTexts.Edited(DedupTexts.Story)).BodyHash);
    }

    [Fact]
    public void Compute_Always_SignatureHoldsShingleCountThenMinHashes()
    {
        var signature = _fingerprinter.Compute("one two three four five six seven").Signature;

        Assert.Equal(MinHashScheme.SignatureLength, signature.Length);
        Assert.Equal(3, MinHashScheme.ShingleCount(signature)); // 7 words → 3 five-word shingles
    }

    [Fact]
    public void Compute_ShortText_IsOneShingle()
    {
        Assert.Equal(1, MinHashScheme.ShingleCount(_fingerprinter.Compute("Zurich rates").Signature));
        Assert.Equal(0, MinHashScheme.ShingleCount(_fingerprinter.Compute("  ...  ").Signature));
    }

    [Fact]
    public void Compute_NearCopy_ShareMostMinHashes_UnrelatedShareAlmostNone()
    {
        var original = MinHashScheme.MinHashes(_fingerprinter.Compute(DedupTexts.Story).Signature).ToArray();
        var edited = MinHashScheme.MinHashes(_fingerprinter.Compute(DedupTexts.Edited(DedupTexts.Story)).Signature).ToArray();
        var other = MinHashScheme.MinHashes(_fingerprinter.Compute(DedupTexts.OtherStory).Signature).ToArray();

        var nearShare = original.Zip(edited).Count(p => p.First == p.Second) / (double)MinHashScheme.HashCount;
        var otherShare = original.Zip(other).Count(p => p.First == p.Second) / (double)MinHashScheme.HashCount;

        var shinglesA = Fingerprinter.Shingles(DedupTexts.Story);
        var shinglesB = Fingerprinter.Shingles(DedupTexts.Edited(DedupTexts.Story));
        var jaccard = shinglesA.Count(shinglesB.Contains) / (double)shinglesA.Union(shinglesB).Count();
        Assert.InRange(nearShare, jaccard - 0.15, jaccard + 0.15);
        Assert.True(otherShare < 0.05, $"unrelated texts share {otherShare:P0} of minhashes");
    }

    [Fact]
    public void Compute_SameTextInTwoInstances_SameSignature()
    {
        Assert.Equal(new Fingerprinter().Compute(DedupTexts.Story).Signature, new Fingerprinter().Compute(DedupTexts.Story).Signature);
    }
}
