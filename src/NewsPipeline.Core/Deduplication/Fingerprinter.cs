using System.Security.Cryptography;
using System.Text;

namespace NewsPipeline.Core.Deduplication;

/// <summary>PLACEHOLDER: replaced by the real fingerprinter.</summary>
public sealed class Fingerprinter : IFingerprinter
{
    public Fingerprint Compute(string body) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), []);
}
