namespace NewsPipeline.Core.Deduplication;

/// <summary>
/// An indexed article the new one may copy, found by LSH: the record step checks it on the two bodies
/// (<see cref="SyndicationVerifier"/>) before the index decides.
/// </summary>
/// <param name="Jaccard">Estimated 5-shingle Jaccard from the signatures.</param>
/// <param name="Containment">Estimated share of the smaller article's shingles found in the other.</param>
/// <param name="Strict">The signatures alone pass the near-duplicate thresholds; only the figures are checked.
/// Otherwise it passed only the looser candidate setting and the sentences must verify it.</param>
public sealed record NearCandidate(string ArticleId, double Jaccard, double Containment, bool Strict);

/// <summary>What the bodies said about the candidates.</summary>
/// <param name="Vetoed">Candidates the bodies rule out (figures changed in place: templated items; for a strict one, a short item inside a longer story): never matched, however similar.</param>
/// <param name="Verified">The loose candidate the sentences confirmed, if any.</param>
public sealed record CandidateVerdict(IReadOnlyCollection<string> Vetoed, VerifiedMatch? Verified)
{
    public static readonly CandidateVerdict None = new([], null);
}

/// <summary>A candidate the verification accepted: the new article joins its story.</summary>
/// <param name="Similarity">The deciding signal's value.</param>
/// <param name="Signal">Which signal decided (see <see cref="SyndicationVerifier"/>).</param>
public sealed record VerifiedMatch(string ArticleId, double Similarity, string Signal);
