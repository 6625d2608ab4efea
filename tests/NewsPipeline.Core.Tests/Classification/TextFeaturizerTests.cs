using NewsPipeline.Core.Classification;

namespace NewsPipeline.Core.Tests.Classification;

public sealed class TextFeaturizerTests
{
    private static Dictionary<int, float> Features(FeaturizerSettings settings, string title, string body)
    {
        var (buckets, values, _) = TextFeaturizer.Raw(settings, title, body);
        return buckets.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }

    [Fact]
    public void Featurize_SameTextTwice_SameFeatures()
    {
        var settings = new FeaturizerSettings();
        var a = Features(settings, "Blinken visits Kyiv", "The secretary of state met Ukraine's president on Tuesday.");
        var b = Features(settings, "Blinken visits Kyiv", "The secretary of state met Ukraine's president on Tuesday.");
        Assert.NotEmpty(a);
        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
    }

    [Fact]
    public void Featurize_CaseAndPunctuationDiffer_SameFeatures()
    {
        var settings = new FeaturizerSettings();
        var a = Features(settings, "", "Stocks FELL, sharply!");
        var b = Features(settings, "", "stocks fell sharply");
        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
    }

    [Fact]
    public void Featurize_OneWordNoCharGrams_UnigramOnly()
    {
        var settings = new FeaturizerSettings { CharMax = 0, WordBigrams = false };
        Assert.Single(Features(settings, "", "market"));
        Assert.Equal(TextFeaturizer.SublinearTf(2), Features(settings, "", "market market").Single().Value);
    }

    [Fact]
    public void Featurize_CharGrams_CountBoundaryMarkedNgrams()
    {
        // "<cat>" has 3 trigrams, 2 four-grams, 1 five-gram, plus the word itself.
        var settings = new FeaturizerSettings { HashBits = 24 };
        Assert.Equal(7, Features(settings, "", "cat").Count);
    }

    [Fact]
    public void Featurize_TitleWords_CountTitleWeight()
    {
        var settings = new FeaturizerSettings { CharMax = 0, TitleWeight = 3 };
        Assert.Equal(TextFeaturizer.SublinearTf(3), Features(settings, "election", "").Single().Value);
    }

    [Fact]
    public void Featurize_LongTextGrowsTable_AllFeaturesKept()
    {
        var settings = new FeaturizerSettings { HashBits = 24, CharMax = 0, WordBigrams = false };
        var words = Enumerable.Range(0, 5000).Select(i => $"w{i}");
        var features = Features(settings, "", string.Join(' ', words));

        // A few of 5,000 words may share one of 2^24 buckets; no occurrence may be lost.
        Assert.InRange(features.Count, 4990, 5000);
        // A bucket two words share holds 1 + ln 2 (values are sublinear); count occurrences back from that.
        Assert.Equal(5000, features.Values.Sum(v => v == 1f ? 1 : v == TextFeaturizer.SublinearTf(2) ? 2 : 1000));
    }

    [Fact]
    public void Featurize_CharsAcrossWords_GramsSpanWordBoundary()
    {
        var settings = new FeaturizerSettings { HashBits = 24, WordBigrams = false, CharsAcrossWords = true };
        // " ab cd " with 3..5-grams: 5 + 4 + 3 = 12 grams, plus the 2 words; inside words only it would be
        // " ab "-style grams per word, never "b c".
        Assert.Equal(14, Features(settings, "", "ab, cd").Count);
        Assert.Equal(Features(settings, "", "AB cd!").OrderBy(p => p.Key), Features(settings, "", "ab  cd").OrderBy(p => p.Key));
        Assert.NotEqual(Features(settings, "", "ab cd").Keys.Order(), Features(settings, "", "cd ab").Keys.Order());
    }

    [Fact]
    public void Featurize_TitleFeatures_TitleAlsoInOwnBuckets()
    {
        var shared = new FeaturizerSettings { HashBits = 24, CharMax = 0, TitleWeight = 2 };
        var own = shared with { TitleFeatures = true };
        Assert.Equal(TextFeaturizer.SublinearTf(2), Features(shared, "election", "").Single().Value);
        Assert.Equal([1f, TextFeaturizer.SublinearTf(2)], Features(own, "election", "").Values.Order());
    }

    [Fact]
    public void Raw_CharGramsPerWord_SummedOverWordsWithSquaredNormWeights()
    {
        var settings = new FeaturizerSettings { HashBits = 24, WordBigrams = false, CharWeight = 1f };
        var (buckets, values, norms) = TextFeaturizer.Raw(settings, "", "cat cat cats");
        var features = buckets.Select((b, i) => (Value: values[i], Norm: norms[i])).ToArray();

        // "cat" twice: its grams weigh 1 + ln 2; "cats" once: 1. "<ca", "cat", "<cat" are in both words, so they
        // add up (1 + ln 2 + 1) while their norm weight is the sum of squares, not the square of the sum.
        var twice = TextFeaturizer.SublinearTf(2);
        Assert.Equal(3, features.Count(f => Math.Abs(f.Value - (twice + 1)) < 1e-5 && Math.Abs(f.Norm - (twice * twice + 1)) < 1e-5));
        // "cat>", "at>", "<cat>" only from "cat"; the word unigram "cat" counted: (1 + ln 2, squared).
        Assert.Equal(4, features.Count(f => Math.Abs(f.Value - twice) < 1e-5 && Math.Abs(f.Norm - twice * twice) < 1e-5));
    }

    [Fact]
    public void Raw_CharGramsCounted_ExactSquaresOfSublinearCounts()
    {
        var settings = new FeaturizerSettings { HashBits = 24, WordBigrams = false, CharGramsPerWord = false };
        var (_, values, norms) = TextFeaturizer.Raw(settings, "", "cat cat cats");

        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i] * values[i], norms[i], 5);
        Assert.Contains(TextFeaturizer.SublinearTf(3), values); // "<ca" three times
    }

    [Fact]
    public void Raw_CharWeight_ScalesGramsNotWords()
    {
        var full = new FeaturizerSettings { HashBits = 24, WordBigrams = false, CharWeight = 1f };
        var half = full with { CharWeight = 0.5f };

        var a = Features(full, "", "cat");
        var b = Features(half, "", "cat");

        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        Assert.Equal(6, a.Keys.Count(key => b[key] == 0.5f * a[key])); // the six grams of "<cat>"
        Assert.Equal(1, a.Keys.Count(key => b[key] == a[key])); // the word
    }
}
