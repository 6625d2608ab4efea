using System.Globalization;
using System.Text;

namespace NewsPipeline.Evaluation.Classification;

/// <summary>One evaluated prediction: the true label, the predicted one and its probability.</summary>
public readonly record struct EvaluatedPrediction(string Actual, string Predicted, double Confidence);

/// <summary>Accuracy band of predictions whose confidence falls in [From, To).</summary>
public sealed record CalibrationBand(double From, double To, int Count, int Correct)
{
    public double Accuracy => Count == 0 ? double.NaN : (double)Correct / Count;
}

/// <summary>Accuracy, macro-F1, confusion matrix and calibration table over a set of predictions.</summary>
public sealed class ClassificationReport
{
    private static readonly double[] BandEdges = [0, 0.5, 0.7, 0.9, 1.0000001];

    public ClassificationReport(IReadOnlyList<string> labels, IReadOnlyList<EvaluatedPrediction> predictions)
    {
        if (predictions.Count == 0) throw new ArgumentException("no predictions to report on", nameof(predictions));
        Labels = labels;
        Count = predictions.Count;
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        Confusion = new int[labels.Count, labels.Count];
        var correct = 0;
        foreach (var p in predictions)
        {
            if (!index.TryGetValue(p.Actual, out var a)) throw new ArgumentException($"label '{p.Actual}' is not one of the model's labels", nameof(predictions));
            Confusion[a, index[p.Predicted]]++;
            if (p.Actual == p.Predicted) correct++;
        }
        Accuracy = (double)correct / Count;
        var f1 = new double[labels.Count];
        F1 = f1;
        for (var k = 0; k < labels.Count; k++)
        {
            int tp = Confusion[k, k], predicted = 0, actual = 0;
            for (var j = 0; j < labels.Count; j++)
            {
                predicted += Confusion[j, k];
                actual += Confusion[k, j];
            }
            var precision = predicted == 0 ? 0 : (double)tp / predicted;
            var recall = actual == 0 ? 0 : (double)tp / actual;
            f1[k] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        // Labels absent from the evaluated rows would drag macro-F1 down for nothing: average over labels present.
        var present = Enumerable.Range(0, labels.Count).Where(k => Enumerable.Range(0, labels.Count).Any(j => Confusion[k, j] > 0)).ToArray();
        MacroF1 = present.Average(k => F1[k]);
        Calibration = Enumerable.Range(0, BandEdges.Length - 1).Select(b =>
        {
            var inBand = predictions.Where(p => p.Confidence >= BandEdges[b] && p.Confidence < BandEdges[b + 1]).ToArray();
            return new CalibrationBand(BandEdges[b], Math.Min(1, BandEdges[b + 1]), inBand.Length, inBand.Count(p => p.Actual == p.Predicted));
        }).ToArray();
    }

    public IReadOnlyList<string> Labels { get; }

    public int Count { get; }

    public double Accuracy { get; }

    public double MacroF1 { get; }

    public IReadOnlyList<double> F1 { get; }

    /// <summary>[actual, predicted] counts.</summary>
    public int[,] Confusion { get; }

    public IReadOnlyList<CalibrationBand> Calibration { get; }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"items: {Count}\naccuracy: {Accuracy:F4}\nmacro-F1: {MacroF1:F4}\n\n");
        var width = Math.Max(8, Labels.Max(l => l.Length) + 1);
        sb.Append("confusion (rows = actual, columns = predicted)\n");
        sb.Append("".PadRight(width));
        foreach (var l in Labels) sb.Append(l.PadLeft(width));
        sb.Append("F1".PadLeft(8)).Append('\n');
        for (var a = 0; a < Labels.Count; a++)
        {
            sb.Append(Labels[a].PadRight(width));
            for (var p = 0; p < Labels.Count; p++) sb.Append(Confusion[a, p].ToString(c).PadLeft(width));
            sb.Append(F1[a].ToString("F4", c).PadLeft(8)).Append('\n');
        }
        sb.Append("\ncalibration (accuracy per confidence band)\n");
        sb.Append("band".PadRight(12)).Append("count".PadLeft(8)).Append("accuracy".PadLeft(10)).Append('\n');
        foreach (var band in Calibration)
        {
            var name = band.From == 0 ? $"<{band.To:0.0#}" : $"{band.From:0.0#}-{band.To:0.0#}";
            sb.Append(name.PadRight(12)).Append(band.Count.ToString(c).PadLeft(8))
              .Append((band.Count == 0 ? "-" : band.Accuracy.ToString("F4", c)).PadLeft(10)).Append('\n');
        }
        return sb.ToString();
    }
}
