using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// Synthetic fingerprints: random minhash values (unrelated articles), and every 50th article a near copy of a recent
/// one (about 100 of 128 values kept), so the index also walks candidate lists and stories.
/// </summary>
internal sealed class SyntheticArticles(int seed)
{
    private readonly Random _random = new(seed);
    private readonly uint[][] _recent = new uint[1024][];
    private long _count;

    public (string Id, string File, Fingerprint Fingerprint) Next()
    {
        var n = _count++;
        var signature = new uint[MinHashScheme.SignatureLength];
        var source = n % 50 == 49 ? _recent[_random.Next((int)Math.Min(n, _recent.Length))] : null;
        signature[0] = (uint)_random.Next(100, 1000);
        for (var i = 1; i < signature.Length; i++)
            signature[i] = source is not null && _random.Next(128) < 100 ? source[i] : (uint)_random.Next();
        _recent[n % _recent.Length] = signature;
        var id = Convert.ToHexStringLower(BitConverter.GetBytes(n)).PadLeft(64, '0');
        var hash = Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64())).PadLeft(64, 'f');
        return (id, $"inbox/2026-11-25/article-{n:D8}.txt", new Fingerprint(hash, signature));
    }
}
