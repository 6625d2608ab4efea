using NewsPipeline.Core.Classification;

namespace NewsPipeline.Core.Tests.Classification;

/// <summary>
/// Topic models built straight from weights rather than trained: the trainer lives in NewsPipeline.Evaluation, which
/// the runtime's tests should not need. Each topic's own words point to it, so a working scorer separates
/// <see cref="Rows"/>; what these tests check (file format, scoring, thread safety) does not depend on how the weights
/// were found.
/// </summary>
internal static class TestModels
{
    private static readonly Dictionary<string, string[]> Vocabulary = new()
    {
        ["Weather"] = ["rain", "storm", "forecast", "sunny", "temperature", "wind", "cloud", "snowfall", "humidity", "drizzle"],
        ["Cooking"] = ["recipe", "oven", "flour", "simmer", "garlic", "butter", "roast", "whisk", "pastry", "saucepan"],
        ["Football"] = ["goal", "striker", "referee", "penalty", "midfield", "league", "keeper", "offside", "stadium", "coach"],
    };

    private static readonly string[] Filler = ["the", "a", "today", "said", "new", "people", "with", "after", "more", "this"];

    /// <summary>A small hash space keeps the models (and the tests) light.</summary>
    public static FeaturizerSettings Featurizer => new() { HashBits = 14 };

    /// <summary>
    /// Every bucket seen (IDF 1), a topic's words weighted towards it, no bias. A temperature other than 1 so that a
    /// round trip through the file shows it is kept.
    /// </summary>
    public static TopicModel Build(FeaturizerSettings featurizer, float temperature = 0.5f)
    {
        var labels = Vocabulary.Keys.ToArray();
        var k = labels.Length;
        var table = new float[(1 << featurizer.HashBits) * (k + 1)];
        for (var bucket = 0; bucket < 1 << featurizer.HashBits; bucket++)
            table[bucket * (k + 1)] = 1f;
        for (var j = 0; j < k; j++)
        {
            foreach (var word in Vocabulary[labels[j]])
            {
                var (buckets, _, _) = TextFeaturizer.Raw(featurizer, "", word);
                foreach (var bucket in buckets)
                    table[bucket * (k + 1) + 1 + j] += 4f;
            }
        }
        return new TopicModel(featurizer, labels, table, new float[k], temperature);
    }

    /// <summary>Rows mixing one topic's words with common filler, deterministic for a seed.</summary>
    public static (string Label, string Title, string Text)[] Rows(int perLabel, int seed)
    {
        var random = new Random(seed);
        var rows = new List<(string, string, string)>();
        foreach (var (label, words) in Vocabulary)
        {
            for (var i = 0; i < perLabel; i++)
            {
                string Pick(int n) => string.Join(' ', Enumerable.Range(0, n).Select(j => j % 2 == 0 ? words[random.Next(words.Length)] : Filler[random.Next(Filler.Length)]));
                rows.Add((label, Pick(4), Pick(20)));
            }
        }
        return rows.ToArray();
    }
}
