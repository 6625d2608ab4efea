namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// The near-duplicate signature format. These are constants, not configuration, because signatures are persisted:
/// changing any of them makes every stored signature incomparable with new ones.
/// Layout of <see cref="Fingerprint.Signature"/>: [shingle count, minhash 0 … minhash <see cref="HashCount"/>-1].
/// </summary>
public static class MinHashScheme
{
    /// <summary>Words per shingle: 5-word shingles over lower-cased <c>\w+</c> tokens (the Reuters pair list uses the same).</summary>
    public const int ShingleSize = 5;

    /// <summary>MinHash values per document (one base hash, this many xor/multiply permutations).</summary>
    public const int HashCount = 128;

    /// <summary>
    /// LSH bands of <see cref="Rows"/> values each, over the first Bands × Rows minhash values. Unlike the values above,
    /// bands are not persisted: the index builds its band tables from the stored signatures at start.
    /// </summary>
    public const int Bands = 32;

    /// <summary>
    /// Values per band: a band collides with probability ≈ J^Rows. Three, not four: a syndicated copy with every edit at
    /// once has Jaccard 0.38–0.57 (min–median) against its original, where 32 × 4 bands made it a candidate in 92 % of cases and
    /// 32 × 3 in 100 % (docs/deduplication.md), for the same memory.
    /// </summary>
    public const int Rows = 3;

    /// <summary>Signature length: the shingle count, then the minhash values.</summary>
    public const int SignatureLength = HashCount + 1;

    public static int ShingleCount(ReadOnlySpan<uint> signature) => signature.Length == SignatureLength ? (int)signature[0] : 0;

    public static ReadOnlySpan<uint> MinHashes(ReadOnlySpan<uint> signature) =>
        signature.Length == SignatureLength ? signature[1..] : ReadOnlySpan<uint>.Empty;

    /// <summary>
    /// The 8 bits of a minhash value the index keeps (b-bit minwise hashing, b = 8): the LOW bits, because a minimum
    /// of many uniform values is small and its high bits are almost always zero.
    /// </summary>
    public static byte Low8(uint minhash) => (byte)minhash;
}
