using System.Buffers.Binary;

namespace NewsPipeline.Storage;

/// <summary>
/// Signatures are stored as little-endian uint32 blobs (the shingle count, then the minhash values): compact, no
/// per-value rows, and the same bytes on every platform.
/// </summary>
internal static class SignatureCodec
{
    public static byte[] Encode(uint[] signature)
    {
        var blob = new byte[signature.Length * sizeof(uint)];
        for (var i = 0; i < signature.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(i * sizeof(uint)), signature[i]);
        return blob;
    }

    public static uint[] Decode(ReadOnlySpan<byte> blob)
    {
        var signature = new uint[blob.Length / sizeof(uint)];
        for (var i = 0; i < signature.Length; i++)
            signature[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob[(i * sizeof(uint))..]);
        return signature;
    }

    /// <summary>Reads a blob column without an intermediate byte array per row (the index rebuild reads millions).</summary>
    public static uint[] Decode(Stream blob)
    {
        Span<byte> buffer = stackalloc byte[4096];
        var length = (int)blob.Length;
        var target = length <= buffer.Length ? buffer[..length] : new byte[length];
        blob.ReadExactly(target);
        return Decode(target);
    }
}
