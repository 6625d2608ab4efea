namespace NewsPipeline.Core.Classification;

/// <summary>
/// Training rows as compressed sparse rows over the buckets seen in training (renumbered 0..F-1, so the optimiser
/// works on F·K parameters instead of the whole hash space), each row sublinear-TF × IDF and L2-normalised.
/// </summary>
internal sealed class SparseMatrix
{
    private SparseMatrix(int[] rowStart, int[] columns, float[] values, int[] buckets)
    {
        RowStart = rowStart;
        Columns = columns;
        Values = values;
        Buckets = buckets;
    }

    public int[] RowStart { get; }

    public int[] Columns { get; }

    public float[] Values { get; }

    /// <summary>Column → hash bucket.</summary>
    public int[] Buckets { get; }

    public static SparseMatrix Build((int[] Buckets, float[] Counts)[] raw, float[] idf)
    {
        var column = new Dictionary<int, int>();
        var rowStart = new int[raw.Length + 1];
        for (var i = 0; i < raw.Length; i++) rowStart[i + 1] = rowStart[i] + raw[i].Buckets.Length;
        var columns = new int[rowStart[^1]];
        var values = new float[rowStart[^1]];
        for (var i = 0; i < raw.Length; i++)
        {
            var (buckets, counts) = raw[i];
            var norm2 = 0f;
            for (var j = 0; j < buckets.Length; j++)
            {
                var v = TextFeaturizer.SublinearTf(counts[j]) * idf[buckets[j]];
                values[rowStart[i] + j] = v;
                norm2 += v * v;
                if (!column.TryGetValue(buckets[j], out var c)) column[buckets[j]] = c = column.Count;
                columns[rowStart[i] + j] = c;
            }
            var scale = norm2 > 0 ? 1f / MathF.Sqrt(norm2) : 0f;
            for (var j = 0; j < buckets.Length; j++) values[rowStart[i] + j] *= scale;
        }
        var bucketOf = new int[column.Count];
        foreach (var (bucket, c) in column) bucketOf[c] = bucket;
        return new SparseMatrix(rowStart, columns, values, bucketOf);
    }

    public void Logits(int row, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, int k, Span<double> logits)
    {
        bias.CopyTo(logits);
        for (var p = RowStart[row]; p < RowStart[row + 1]; p++)
        {
            var v = Values[p];
            var w = weights.Slice(Columns[p] * k, k);
            for (var j = 0; j < k; j++) logits[j] += v * w[j];
        }
    }
}
