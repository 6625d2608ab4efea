namespace NewsPipeline.Evaluation.Classification;

/// <summary>
/// Training rows as compressed sparse rows over the buckets seen in training (renumbered 0..F-1, so the optimiser
/// works on F·K parameters instead of the whole hash space), each row value × IDF divided by √Σ normWeight × IDF²
/// (the L2 norm when every feature was counted; see <see cref="Core.Classification.FeaturizerSettings.CharGramsPerWord"/>).
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

    public static SparseMatrix Build((int[] Buckets, float[] Values, float[] NormWeights)[] raw, float[] idf)
    {
        // Columns numbered by descending document frequency: the common features, which most non-zeros hit,
        // then sit together in memory and the optimiser's passes stay in cache.
        var df = new Dictionary<int, int>();
        foreach (var (buckets, _, _) in raw)
            foreach (var b in buckets)
                if (idf[b] > 0) df[b] = df.GetValueOrDefault(b) + 1; // IDF 0: pruned (MinDf), no column
        var bucketOf = df.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => p.Key).ToArray();
        var column = new Dictionary<int, int>(bucketOf.Length);
        for (var c = 0; c < bucketOf.Length; c++) column[bucketOf[c]] = c;

        var rowStart = new int[raw.Length + 1];
        for (var i = 0; i < raw.Length; i++) rowStart[i + 1] = rowStart[i] + raw[i].Buckets.Count(b => idf[b] > 0);
        var columns = new int[rowStart[^1]];
        var values = new float[rowStart[^1]];
        for (var i = 0; i < raw.Length; i++)
        {
            var (buckets, raws, normWeights) = raw[i];
            var cols = columns.AsSpan(rowStart[i], rowStart[i + 1] - rowStart[i]);
            var vals = values.AsSpan(rowStart[i], cols.Length);
            var norm2 = 0f;
            var n = 0;
            for (var j = 0; j < buckets.Length; j++)
            {
                var idfj = idf[buckets[j]];
                if (idfj == 0) continue; // as at inference: a bucket the model does not know adds nothing, not even to the norm
                vals[n] = raws[j] * idfj;
                norm2 += normWeights[j] * idfj * idfj;
                cols[n++] = column[buckets[j]];
            }
            var scale = norm2 > 0 ? 1f / MathF.Sqrt(norm2) : 0f;
            for (var j = 0; j < n; j++) vals[j] *= scale;
            cols.Sort(vals);
        }
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
