namespace NewsPipeline.Core.Classification;

/// <summary>
/// Multinomial logistic regression over hashed, sublinear-TF × IDF, L2-normalised n-gram features, with a
/// temperature fitted on held-out predictions so the reported probability means something.
/// Immutable after construction; Classify is safe to call from many threads at once.
/// </summary>
public sealed class TopicModel : ITopicClassifier
{
    [ThreadStatic] private static FeatureCounts? t_counts;

    private readonly string[] _labels;
    // Per bucket: IDF then one weight per label, side by side so a feature costs one cache line.
    private readonly float[] _table;
    // The same, quantised to bytes for inference: 5 bytes a bucket instead of 20 keeps the 2^18-bucket table
    // (1.3 MB) close to the L2 cache; scoring is bound by these random reads, not by arithmetic.
    private readonly byte[] _idfQ;
    private readonly sbyte[] _weightQ;
    private readonly float[] _weightScale;
    private const float IdfStep = 1f / 16;
    private readonly float[] _bias;

    internal TopicModel(FeaturizerSettings featurizer, string[] labels, float[] table, float[] bias, float temperature)
    {
        featurizer.Validate();
        if (labels.Length < 2) throw new ArgumentException("a model needs at least 2 labels", nameof(labels));
        if (table.Length != (1 << featurizer.HashBits) * (labels.Length + 1)) throw new ArgumentException("weight table size does not match the hash space and labels", nameof(table));
        if (bias.Length != labels.Length) throw new ArgumentException("one bias per label", nameof(bias));
        if (!(temperature > 0 && float.IsFinite(temperature))) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be positive");
        Featurizer = featurizer;
        _labels = labels;
        _table = table;
        _bias = bias;
        Temperature = temperature;
        (_idfQ, _weightQ, _weightScale) = Quantise(table, labels.Length);
    }

    private static (byte[] Idf, sbyte[] Weights, float[] Scale) Quantise(float[] table, int k)
    {
        var buckets = table.Length / (k + 1);
        var scale = new float[k];
        for (var b = 0; b < buckets; b++)
            for (var j = 0; j < k; j++) scale[j] = Math.Max(scale[j], Math.Abs(table[b * (k + 1) + 1 + j]));
        for (var j = 0; j < k; j++) scale[j] = scale[j] > 0 ? scale[j] / 127 : 1;
        var idf = new byte[buckets];
        var weights = new sbyte[buckets * k];
        for (var b = 0; b < buckets; b++)
        {
            // IDF is at least 1 where a bucket was seen; keep that floor so a seen bucket never rounds to "unseen".
            var v = table[b * (k + 1)];
            idf[b] = v == 0 ? (byte)0 : (byte)Math.Clamp(MathF.Round(v / IdfStep), 1, 255);
            for (var j = 0; j < k; j++) weights[b * k + j] = (sbyte)Math.Clamp(MathF.Round(table[b * (k + 1) + 1 + j] / scale[j]), -127, 127);
        }
        return (idf, weights, scale);
    }

    public IReadOnlyList<string> Labels => _labels;

    public FeaturizerSettings Featurizer { get; }

    /// <summary>Logits are divided by this before the softmax (fitted on held-out folds at training time).</summary>
    public float Temperature { get; }

    internal ReadOnlySpan<float> Table => _table;

    internal ReadOnlySpan<float> Bias => _bias;

    public static TopicModel Load(Stream stream) => TopicModelFormat.Read(stream);

    public void Save(Stream stream) => TopicModelFormat.Write(this, stream);

    public TopicPrediction Classify(string title, string body)
    {
        Span<double> probabilities = _labels.Length <= 64 ? stackalloc double[_labels.Length] : new double[_labels.Length];
        Predict(title, body, probabilities);
        int best = 0, second = -1;
        for (var k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
            {
                second = best;
                best = k;
            }
            else if (second < 0 || probabilities[k] > probabilities[second])
            {
                second = k;
            }
        }
        return new TopicPrediction(_labels[best], probabilities[best], _labels[second], probabilities[second]);
    }

    /// <summary>Calibrated probability of every label, in <see cref="Labels"/> order.</summary>
    public void Predict(ReadOnlySpan<char> title, ReadOnlySpan<char> body, Span<double> probabilities)
    {
        if (probabilities.Length != _labels.Length) throw new ArgumentException($"expected {_labels.Length} slots", nameof(probabilities));
        var counts = t_counts ??= new FeatureCounts();
        counts.Clear();
        try
        {
            TextFeaturizer.Featurize(Featurizer, title, body, counts);
            Score(counts, probabilities);
        }
        finally
        {
            counts.Clear();
        }
        Softmax(probabilities, 1.0 / Temperature);
    }

    private void Score(FeatureCounts counts, Span<double> scores)
    {
        var k = _labels.Length;
        Span<float> sums = k <= 64 ? stackalloc float[k] : new float[k];
        sums.Clear();
        var norm2 = 0f;
        var idfs = _idfQ.AsSpan();
        var weights = _weightQ.AsSpan();
        for (var i = 0; i < counts.Count; i++)
        {
            var (bucket, count) = counts.At(i);
            var idf = idfs[bucket];
            if (idf == 0) continue; // never seen in training: no evidence either way
            var v = TextFeaturizer.SublinearTf(count) * idf * IdfStep;
            norm2 += v * v;
            var row = weights.Slice(bucket * k, k);
            for (var j = 0; j < k; j++) sums[j] += v * row[j];
        }
        var scale = norm2 > 0 ? 1f / MathF.Sqrt(norm2) : 0f;
        for (var j = 0; j < k; j++) scores[j] = sums[j] * _weightScale[j] * scale + _bias[j];
    }

    internal static void Softmax(Span<double> logits, double inverseTemperature)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        var sum = 0.0;
        for (var j = 0; j < logits.Length; j++)
        {
            logits[j] = Math.Exp((logits[j] - max) * inverseTemperature);
            sum += logits[j];
        }
        for (var j = 0; j < logits.Length; j++) logits[j] /= sum;
    }
}
