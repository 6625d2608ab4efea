namespace NewsPipeline.Evaluation.Classification;

/// <summary>
/// Mean softmax log-loss over the chosen rows + L2/2·‖W‖² (biases unpenalised), with its gradient.
/// Rows are split over the cores, each with its own gradient buffer, summed at the end: training is
/// bound by this pass.
/// </summary>
internal sealed class SoftmaxObjective(SparseMatrix x, int[] y, int k, int[] rows, double l2)
{
    private readonly int _parts = Math.Clamp(Math.Min(Environment.ProcessorCount, rows.Length / 500), 1, 4);
    private double[][]? _partGradients;

    public double Evaluate(double[] parameters, double[] gradient)
    {
        var weightCount = parameters.Length - k;
        _partGradients ??= Enumerable.Range(0, _parts - 1).Select(_ => new double[parameters.Length]).ToArray();
        var losses = new double[_parts];
        Parallel.For(0, _parts, new ParallelOptions { MaxDegreeOfParallelism = _parts }, part =>
        {
            var g = part == 0 ? gradient : _partGradients[part - 1];
            Array.Clear(g);
            var from = (int)((long)rows.Length * part / _parts);
            var to = (int)((long)rows.Length * (part + 1) / _parts);
            losses[part] = Accumulate(parameters, g, from, to);
        });
        foreach (var g in _partGradients)
            for (var i = 0; i < gradient.Length; i++) gradient[i] += g[i];

        var scale = 1.0 / rows.Length;
        var penalty = 0.0;
        for (var i = 0; i < gradient.Length; i++) gradient[i] *= scale;
        for (var i = 0; i < weightCount; i++)
        {
            penalty += parameters[i] * parameters[i];
            gradient[i] += l2 * parameters[i];
        }
        return losses.Sum() * scale + 0.5 * l2 * penalty;
    }

    /// <summary>Summed (not averaged) loss and gradient of rows[from..to).</summary>
    private double Accumulate(double[] parameters, double[] gradient, int from, int to)
    {
        var weightCount = parameters.Length - k;
        var weights = parameters.AsSpan(0, weightCount);
        var bias = parameters.AsSpan(weightCount);
        var gradWeights = gradient.AsSpan(0, weightCount);
        var gradBias = gradient.AsSpan(weightCount);
        Span<double> p = stackalloc double[k];
        var loss = 0.0;
        for (var r = from; r < to; r++)
        {
            var i = rows[r];
            x.Logits(i, weights, bias, k, p);
            var max = double.NegativeInfinity;
            foreach (var z in p) max = Math.Max(max, z);
            var sum = 0.0;
            for (var j = 0; j < k; j++) sum += Math.Exp(p[j] - max);
            var logSum = max + Math.Log(sum);
            loss += logSum - p[y[i]];
            for (var j = 0; j < k; j++) p[j] = Math.Exp(p[j] - logSum);
            p[y[i]] -= 1;
            for (var j = 0; j < k; j++) gradBias[j] += p[j];
            for (var q = x.RowStart[i]; q < x.RowStart[i + 1]; q++)
            {
                var v = x.Values[q];
                var g = gradWeights.Slice(x.Columns[q] * k, k);
                for (var j = 0; j < k; j++) g[j] += v * p[j];
            }
        }
        return loss;
    }
}
