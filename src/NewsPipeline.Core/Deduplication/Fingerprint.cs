namespace NewsPipeline.Core.Deduplication;

/// <param name="BodyHash">Hex hash of the normalised body: equal hashes are exact duplicates.</param>
/// <param name="Signature">Near-duplicate signature (e.g. MinHash values) of the body.</param>
public sealed record Fingerprint(string BodyHash, uint[] Signature);
