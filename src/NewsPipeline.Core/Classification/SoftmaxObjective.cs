namespace NewsPipeline.Core.Classification;

/// <summary>Mean softmax log-loss over the chosen rows + L2/2·‖W‖² (biases unpenalised), with its gradient.</summary>
internal sealed class SoftmaxObjective(SparseMatrix x, int[] y, int k, int[] rows, double l2)
{
    public double Evaluate(double[] parameters, double[] gradient)
    {
        var weightCount = parameters.Length - k;
        var weights = parameters.AsSpan(0, weightCount);
        var bias = parameters.AsSpan(weightCount);
        Array.Clear(gradient);
        var gradWeights = gradient.AsSpan(0, weightCount);
        var gradBias = gradient.AsSpan(weightCount);
        Span<double> p = stackalloc double[k];
        var loss = 0.0;
        var scale = 1.0 / rows.Length;
        foreach (var i in rows)
        {
            x.Logits(i, weights, bias, k, p);
            var max = double.NegativeInfinity;
            foreach (var z in p) max = Math.Max(max, z);
            var sum = 0.0;
            for (var j = 0; j < k; j++) sum += Math.Exp(p[j] - max);
            var logSum = max + Math.Log(sum);
            loss += logSum - p[y[i]];
            for (var j = 0; j < k; j++) p[j] = Math.Exp(p[j] - logSum) * scale;
            p[y[i]] -= scale;
            for (var j = 0; j < k; j++) gradBias[j] += p[j];
            for (var q = x.RowStart[i]; q < x.RowStart[i + 1]; q++)
            {
                var v = x.Values[q];
                var g = gradWeights.Slice(x.Columns[q] * k, k);
                for (var j = 0; j < k; j++) g[j] += v * p[j];
            }
        }
        var penalty = 0.0;
        for (var i = 0; i < weightCount; i++)
        {
            penalty += weights[i] * weights[i];
            gradWeights[i] += l2 * weights[i];
        }
        return loss * scale + 0.5 * l2 * penalty;
    }
}
