using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    // The same, quantised to bytes for inference, one row per bucket: the IDF (in steps of IdfStep) then one
    // signed byte per label. 5 bytes a bucket instead of 20 keeps the 2^18-bucket table (1.3 MB) close to the L2
    // cache, and IDF and weights side by side make a feature one random read: scoring is bound by these reads.
    private readonly byte[] _rows;
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
        (_rows, _weightScale) = Quantise(table, labels.Length);
    }

    private static (byte[] Rows, float[] Scale) Quantise(float[] table, int k)
    {
        var buckets = table.Length / (k + 1);
        var scale = new float[k];
        for (var b = 0; b < buckets; b++)
            for (var j = 0; j < k; j++) scale[j] = Math.Max(scale[j], Math.Abs(table[b * (k + 1) + 1 + j]));
        for (var j = 0; j < k; j++) scale[j] = scale[j] > 0 ? scale[j] / 127 : 1;
        var rows = new byte[buckets * (k + 1)];
        for (var b = 0; b < buckets; b++)
        {
            // IDF is at least 1 where a bucket was seen; keep that floor so a seen bucket never rounds to "unseen".
            var v = table[b * (k + 1)];
            rows[b * (k + 1)] = v == 0 ? (byte)0 : (byte)Math.Clamp(MathF.Round(v / IdfStep), 1, 255);
            for (var j = 0; j < k; j++) rows[b * (k + 1) + 1 + j] = (byte)(sbyte)Math.Clamp(MathF.Round(table[b * (k + 1) + 1 + j] / scale[j]), -127, 127);
        }
        return (rows, scale);
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
        var k = _labels.Length;
        float norm2;
        if (k == 4)
        {
            var sink = new FourLabelSink(counts, _rows);
            Featurize(title, body, ref sink, counts);
            norm2 = sink.Norm2;
            for (var j = 0; j < 4; j++) probabilities[j] = sink.Sums[j];
        }
        else
        {
            var sink = new ScoringSink(counts, _rows, k, t_sums is { } sums && sums.Length == k ? sums : t_sums = new float[k]);
            Array.Clear(sink.Sums);
            Featurize(title, body, ref sink, counts);
            norm2 = sink.Norm2;
            for (var j = 0; j < k; j++) probabilities[j] = sink.Sums[j];
        }
        // IDF and weights are both in quantisation units: the IDF step cancels in the normalisation.
        var scale = norm2 > 0 ? 1f / MathF.Sqrt(norm2) : 0f;
        for (var j = 0; j < k; j++) probabilities[j] = probabilities[j] * _weightScale[j] * scale + _bias[j];
        Softmax(probabilities, 1.0 / Temperature);
    }

    private void Featurize<TSink>(ReadOnlySpan<char> title, ReadOnlySpan<char> body, ref TSink sink, FeatureCounts counts)
        where TSink : struct, IFeatureSink
    {
        try
        {
            TextFeaturizer.Featurize(Featurizer, title, body, ref sink);
            // Counted features (words, bigrams; every feature in models before format 3) are scored once summed.
            for (var i = 0; i < counts.Count; i++)
            {
                var (bucket, count) = counts.At(i);
                sink.Direct(bucket, TextFeaturizer.SublinearTf(count));
            }
        }
        finally
        {
            counts.Clear();
        }
    }

    [ThreadStatic] private static float[]? t_sums;

    /// <summary>
    /// Scores direct features as they are hashed (one read of the bucket's row) and keeps counted ones in the
    /// table until their counts are complete.
    /// </summary>
    private struct ScoringSink(FeatureCounts counts, byte[] rows, int k, float[] sums) : IFeatureSink
    {
        public readonly float[] Sums = sums;
        public float Norm2;

        public readonly void Counted(int bucket, float count) => counts.Add(bucket, count);

        public void Direct(int bucket, float amount)
        {
            var row = rows.AsSpan(bucket * (k + 1), k + 1);
            var idf = row[0];
            if (idf == 0) return; // never seen in training: no evidence either way
            var v = amount * idf;
            Norm2 += v * v;
            var sums = Sums.AsSpan(0, k);
            for (var j = 0; j < sums.Length; j++) sums[j] += v * (sbyte)row[1 + j];
        }
    }

    /// <summary>
    /// <see cref="ScoringSink"/> for the usual four labels: the row's four weights are one 32-bit read and the
    /// sums one vector register, which is most of the per-gram cost.
    /// </summary>
    private struct FourLabelSink(FeatureCounts counts, byte[] rows) : IFeatureSink
    {
        public Vector128<float> Sums;
        public float Norm2;

        public readonly void Counted(int bucket, float count) => counts.Add(bucket, count);

        public void Direct(int bucket, float amount)
        {
            // The bucket is masked to the hash space and rows holds 5 bytes per bucket, so [5b, 5b + 5) is inside.
            ref var row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rows), (nint)(uint)bucket * 5);
            var idf = row;
            if (idf == 0) return; // never seen in training: no evidence either way
            var v = amount * idf;
            Norm2 += v * v;
            var packed = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref row, 1));
            var weights = Vector128.ConvertToSingle(Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(packed).AsSByte())));
            Sums += weights * v;
        }
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
