using NewsPipeline.Core.Classification;
using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Evaluation.Tests.Classification;

/// <summary>A tiny three-topic corpus built from disjoint vocabularies, so a working learner must separate it.</summary>
internal static class SyntheticTopics
{
    private static readonly Dictionary<string, string[]> Vocabulary = new()
    {
        ["Weather"] = ["rain", "storm", "forecast", "sunny", "temperature", "wind", "cloud", "snowfall", "humidity", "drizzle"],
        ["Cooking"] = ["recipe", "oven", "flour", "simmer", "garlic", "butter", "roast", "whisk", "pastry", "saucepan"],
        ["Football"] = ["goal", "striker", "referee", "penalty", "midfield", "league", "keeper", "offside", "stadium", "coach"],
    };

    private static readonly string[] Filler = ["the", "a", "today", "said", "new", "people", "with", "after", "more", "this"];

    public static LabelledText[] Rows(int perLabel, int seed)
    {
        var random = new Random(seed);
        var rows = new List<LabelledText>();
        foreach (var (label, words) in Vocabulary)
        {
            for (var i = 0; i < perLabel; i++)
            {
                string Pick(int n) => string.Join(' ', Enumerable.Range(0, n).Select(j => j % 2 == 0 ? words[random.Next(words.Length)] : Filler[random.Next(Filler.Length)]));
                rows.Add(new LabelledText(label, Pick(4), Pick(20)));
            }
        }
        return rows.ToArray();
    }

    public static TrainerSettings FastSettings => new() { Featurizer = new FeaturizerSettings { HashBits = 14 }, L2 = 1e-3, CalibrationFolds = 2 };
}
