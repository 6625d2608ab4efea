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
        Assert.Equal(2, Features(settings, "", "market market").Single().Value);
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
        Assert.Equal(3, Features(settings, "election", "").Single().Value);
    }

    [Fact]
    public void Featurize_LongTextGrowsTable_AllFeaturesKept()
    {
        var settings = new FeaturizerSettings { HashBits = 24, CharMax = 0, WordBigrams = false };
        var words = Enumerable.Range(0, 5000).Select(i => $"w{i}");
        var features = Features(settings, "", string.Join(' ', words));

        // A few of 5,000 words may share one of 2^24 buckets; no occurrence may be lost.
        Assert.InRange(features.Count, 4990, 5000);
        Assert.Equal(5000, features.Values.Sum());
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
        Assert.Equal(2, Features(shared, "election", "").Single().Value);
        Assert.Equal([1f, 2f], Features(own, "election", "").Values.Order());
    }
}
