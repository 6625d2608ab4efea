using System.Runtime.InteropServices;

namespace NewsPipeline.Storage;

/// <summary>Signatures are stored as little-endian blobs: compact, and no per-value rows.</summary>
internal static class SignatureCodec
{
    public static byte[] Encode(uint[] signature) => MemoryMarshal.AsBytes(signature.AsSpan()).ToArray();

    public static uint[] Decode(byte[] blob) => MemoryMarshal.Cast<byte, uint>(blob).ToArray();
}
