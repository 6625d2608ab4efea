using NewsPipeline.Core.Classification;

namespace NewsPipeline.Evaluation.Classification;

/// <summary>
/// Trains a <see cref="TopicModel"/> from labelled rows: featurise, IDF over the training rows, L-BFGS on the
/// L2-regularised softmax log-loss, then a temperature fitted on out-of-fold predictions.
/// </summary>
public static class TopicTrainer
{
    public static TopicModel Train(IReadOnlyList<LabelledText> rows, TrainerSettings settings)
    {
        settings.Validate();
        var labels = TrainingSet.Labels(rows);
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var y = rows.Select(r => labelIndex[r.Label]).ToArray();

        var raw = rows.Select(r => TextFeaturizer.Raw(settings.Featurizer, r.Title, r.Text)).ToArray();
        var buckets = 1 << settings.Featurizer.HashBits;
        var idf = InverseDocumentFrequency(raw, buckets, settings.MinDf);
        var matrix = SparseMatrix.Build(raw, idf);

        var (temperature, start) = settings.CalibrationFolds >= 2
            ? FitTemperature(matrix, y, labels.Length, settings)
            : (1f, null);
        var (weights, bias) = Fit(matrix, y, labels.Length, settings, Enumerable.Range(0, rows.Count).ToArray(), start);

        var k = labels.Length;
        var table = new float[buckets * (k + 1)];
        for (var f = 0; f < matrix.Buckets.Length; f++)
        {
            var bucket = matrix.Buckets[f];
            table[bucket * (k + 1)] = idf[bucket];
            for (var j = 0; j < k; j++) table[bucket * (k + 1) + 1 + j] = (float)weights[f * k + j];
        }
        return new TopicModel(settings.Featurizer, labels, table, bias.Select(b => (float)b).ToArray(), temperature);
    }

    /// <summary>Smoothed IDF, as scikit-learn's: ln((1 + N) / (1 + df)) + 1; 0 marks a bucket never seen.</summary>
    private static float[] InverseDocumentFrequency((int[] Buckets, float[] Values, float[] NormWeights)[] raw, int buckets, int minDf)
    {
        var df = new int[buckets];
        foreach (var (b, _, _) in raw)
            foreach (var bucket in b) df[bucket]++;
        var idf = new float[buckets];
        for (var i = 0; i < buckets; i++)
            if (df[i] >= Math.Max(1, minDf)) idf[i] = (float)(Math.Log((1.0 + raw.Length) / (1.0 + df[i])) + 1.0);
        return idf;
    }

    private static (double[] Weights, double[] Bias) Fit(SparseMatrix x, int[] y, int k, TrainerSettings settings, int[] rows, double[]? start = null)
    {
        var objective = new SoftmaxObjective(x, y, k, rows, settings.L2);
        var parameters = start ?? new double[x.Buckets.Length * k + k];
        Lbfgs.Minimise(objective.Evaluate, parameters, settings.MaxIterations, settings.Tolerance);
        return (parameters[..^k], parameters[^k..]);
    }

    /// <summary>
    /// One temperature for all labels, chosen to minimise the log-loss of predictions on rows the model did not
    /// train on. An L2-regularised model on a few thousand rows is usually under- or over-confident; this fixes it.
    /// </summary>
    /// <returns>The temperature, and the fold models' mean parameters: a warm start for the final fit.</returns>
    private static (float Temperature, double[] Start) FitTemperature(SparseMatrix x, int[] y, int k, TrainerSettings settings)
    {
        var folds = TrainingSet.StratifiedFolds(y, settings.CalibrationFolds, settings.Seed);
        var logits = new double[y.Length * k];
        var start = new double[x.Buckets.Length * k + k];
        for (var fold = 0; fold < settings.CalibrationFolds; fold++)
        {
            var train = Enumerable.Range(0, y.Length).Where(i => folds[i] != fold).ToArray();
            var (w, b) = Fit(x, y, k, settings, train);
            for (var i = 0; i < y.Length; i++)
                if (folds[i] == fold) x.Logits(i, w, b, k, logits.AsSpan(i * k, k));
            for (var i = 0; i < w.Length; i++) start[i] += w[i] / settings.CalibrationFolds;
            for (var j = 0; j < k; j++) start[w.Length + j] += b[j] / settings.CalibrationFolds;
        }
        // Golden-section search on log T: the held-out log-loss is unimodal in T.
        double lo = Math.Log(0.05), hi = Math.Log(20);
        var phi = (Math.Sqrt(5) - 1) / 2;
        for (var it = 0; it < 60; it++)
        {
            var a = hi - phi * (hi - lo);
            var b = lo + phi * (hi - lo);
            if (LogLoss(logits, y, k, Math.Exp(a)) < LogLoss(logits, y, k, Math.Exp(b))) hi = b;
            else lo = a;
        }
        return ((float)Math.Exp((lo + hi) / 2), start);
    }

    private static double LogLoss(double[] logits, int[] y, int k, double temperature)
    {
        var loss = 0.0;
        Span<double> p = stackalloc double[k];
        for (var i = 0; i < y.Length; i++)
        {
            logits.AsSpan(i * k, k).CopyTo(p);
            TopicModel.Softmax(p, 1 / temperature);
            loss -= Math.Log(Math.Max(p[y[i]], 1e-300));
        }
        return loss / y.Length;
    }
}
