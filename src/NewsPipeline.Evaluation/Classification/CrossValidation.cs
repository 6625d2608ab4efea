using NewsPipeline.Core.Classification;

namespace NewsPipeline.Evaluation.Classification;

/// <summary>Evaluation helpers: k-fold cross-validation and scoring a model against labelled rows.</summary>
public static class CrossValidation
{
    /// <summary>Stratified k-fold: every row is predicted by a model trained without it (IDF and temperature included).</summary>
    public static ClassificationReport Run(IReadOnlyList<LabelledText> rows, int folds, TrainerSettings settings, Action<int>? foldDone = null)
    {
        var labels = TrainingSet.Labels(rows);
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var assignment = TrainingSet.StratifiedFolds(rows.Select(r => index[r.Label]).ToArray(), folds, settings.Seed + 1);
        var predictions = new List<EvaluatedPrediction>(rows.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var train = rows.Where((_, i) => assignment[i] != f).ToArray();
            var test = rows.Where((_, i) => assignment[i] == f).ToArray();
            var model = TopicTrainer.Train(train, settings);
            predictions.AddRange(Predict(model, test));
            foldDone?.Invoke(fold);
        }
        return new ClassificationReport(labels, predictions);
    }

    public static ClassificationReport Evaluate(TopicModel model, IReadOnlyList<LabelledText> rows)
    {
        var unknown = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Except(model.Labels, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0) throw new InvalidDataException($"labels not in the model: {string.Join(", ", unknown)} (model labels: {string.Join(", ", model.Labels)})");
        return new ClassificationReport(model.Labels, Predict(model, rows));
    }

    private static EvaluatedPrediction[] Predict(TopicModel model, IReadOnlyList<LabelledText> rows) =>
        rows.Select(r =>
        {
            var p = model.Classify(r.Title, r.Text);
            return new EvaluatedPrediction(r.Label, p.Category, p.Confidence);
        }).ToArray();
}
