using System.IO.Compression;
using System.Text;

namespace NewsPipeline.Core.Classification;

/// <summary>
/// Model file: "NPTM" + format version, then a Brotli stream with the featuriser settings, labels, temperature,
/// biases and the per-bucket IDF + weights as float16 (plenty of precision for a linear model, half the bytes;
/// buckets never seen in training are zeros and compress away), closed by an end mark so truncation is detected.
/// </summary>
internal static class TopicModelFormat
{
    private static readonly byte[] Magic = "NPTM"u8.ToArray();
    private const int Version = 3;
    private const int EndMark = 0x454E4421;

    /// <param name="version">Older versions only for testing that old files still load; they cannot hold newer settings.</param>
    public static void Write(TopicModel model, Stream stream, int version = Version)
    {
        var f = model.Featurizer;
        if (version is < 2 or > Version) throw new ArgumentOutOfRangeException(nameof(version), version, $"can write versions 2 to {Version}");
        if (version < 3 && (f.CharGramsPerWord || f.CharWeight != 1 || f.WordTrigrams))
            throw new ArgumentException("format version 2 holds neither per-word character n-grams, a character weight nor word trigrams", nameof(version));
        stream.Write(Magic);
        stream.Write(BitConverter.GetBytes(version));
        using var brotli = new BrotliStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using var w = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true);
        w.Write(f.HashBits);
        w.Write(f.CharMin);
        w.Write(f.CharMax);
        w.Write(f.WordBigrams);
        w.Write(f.TitleWeight);
        w.Write(f.MaxWordChars);
        w.Write(f.CharsAcrossWords);
        w.Write(f.TitleFeatures);
        if (version >= 3)
        {
            w.Write(f.CharGramsPerWord);
            w.Write(f.CharWeight);
            w.Write(f.WordTrigrams);
        }
        w.Write(model.Labels.Count);
        foreach (var label in model.Labels) w.Write(label);
        w.Write(model.Temperature);
        foreach (var b in model.Bias) w.Write(b);
        foreach (var v in model.Table) w.Write((Half)v);
        w.Write(EndMark);
    }

    public static TopicModel Read(Stream stream)
    {
        try
        {
            Span<byte> header = stackalloc byte[8];
            stream.ReadExactly(header);
            if (!header[..4].SequenceEqual(Magic)) throw new InvalidDataException("not a NewsPipeline topic model (bad magic bytes)");
            var version = BitConverter.ToInt32(header[4..]);
            if (version is < 1 or > Version) throw new InvalidDataException($"unsupported topic model format version {version} (expected 1 to {Version})");
            using var brotli = new BrotliStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var r = new BinaryReader(brotli, Encoding.UTF8, leaveOpen: true);
            var featurizer = new FeaturizerSettings
            {
                HashBits = r.ReadInt32(),
                CharMin = r.ReadInt32(),
                CharMax = r.ReadInt32(),
                WordBigrams = r.ReadBoolean(),
                TitleWeight = r.ReadSingle(),
                MaxWordChars = r.ReadInt32(),
            };
            // Version 1 models had character n-grams inside words only.
            if (version >= 2) featurizer = featurizer with { CharsAcrossWords = r.ReadBoolean(), TitleFeatures = r.ReadBoolean() };
            else featurizer = featurizer with { CharsAcrossWords = false };
            // Before version 3 character n-grams were counted per bucket, not summed per word.
            featurizer = featurizer with { CharGramsPerWord = version >= 3 && r.ReadBoolean() };
            featurizer = version >= 3
                ? featurizer with { CharWeight = r.ReadSingle(), WordTrigrams = r.ReadBoolean() }
                : featurizer with { CharWeight = 1f, WordTrigrams = false }; // what those models were trained with
            featurizer.Validate();
            var labelCount = r.ReadInt32();
            if (labelCount is < 2 or > 10_000) throw new InvalidDataException($"implausible label count {labelCount}");
            var labels = new string[labelCount];
            for (var i = 0; i < labelCount; i++) labels[i] = r.ReadString();
            var temperature = r.ReadSingle();
            var bias = new float[labelCount];
            for (var i = 0; i < labelCount; i++) bias[i] = r.ReadSingle();
            var table = new float[(1 << featurizer.HashBits) * (labelCount + 1)];
            var buffer = new byte[64 * 1024];
            var filled = 0;
            while (filled < table.Length)
            {
                var n = Math.Min(buffer.Length / 2, table.Length - filled);
                r.BaseStream.ReadExactly(buffer, 0, n * 2);
                for (var i = 0; i < n; i++) table[filled + i] = (float)BitConverter.ToHalf(buffer, i * 2);
                filled += n;
            }
            if (r.ReadInt32() != EndMark) throw new InvalidDataException("topic model is truncated or corrupt (end mark missing)");
            if (table.Any(v => !float.IsFinite(v)) || bias.Any(v => !float.IsFinite(v))) throw new InvalidDataException("topic model has non-finite weights");
            return new TopicModel(featurizer, labels, table, bias, temperature);
        }
        catch (Exception e) when (e is IOException or ArgumentException)
        {
            throw new InvalidDataException($"topic model is truncated or corrupt: {e.Message}", e);
        }
    }
}
