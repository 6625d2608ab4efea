namespace NewsPipeline.Evaluation.Classification;

/// <summary>Checks on a labelled set and deterministic stratified folds over it.</summary>
public static class TrainingSet
{
    /// <summary>The distinct labels in order of first appearance; throws when the set cannot train a classifier.</summary>
    public static string[] Labels(IReadOnlyList<LabelledText> rows)
    {
        if (rows.Count == 0) throw new InvalidDataException("the data set has no rows");
        var labels = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).ToArray();
        if (labels.Any(string.IsNullOrWhiteSpace)) throw new InvalidDataException("a row has an empty label");
        if (labels.Length < 2) throw new InvalidDataException($"a classifier needs at least 2 labels; the data has only '{labels[0]}'");
        return labels;
    }

    /// <summary>Fold number per row, each label spread evenly over the folds, shuffled with a fixed seed.</summary>
    public static int[] StratifiedFolds(IReadOnlyList<int> labels, int folds, int seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "need at least 2 folds");
        var random = new Random(seed);
        var order = Enumerable.Range(0, labels.Count).ToArray();
        random.Shuffle(order);
        var assignment = new int[labels.Count];
        var next = new Dictionary<int, int>();
        foreach (var i in order)
        {
            next.TryGetValue(labels[i], out var n);
            assignment[i] = n % folds;
            next[labels[i]] = n + 1;
        }
        return assignment;
    }
}
