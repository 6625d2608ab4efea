namespace NewsPipeline.Core.Normalisation.Boilerplate;

/// <summary>
/// Port: learned boilerplate. A line that recurs, word for word, in the pages of at least N different articles is the
/// site's furniture (an "About us" box, a newsletter form), not article text. Implementations keep the known set in
/// memory (asked once per line, on the hot path) and persist observations so the knowledge survives restarts and is
/// shared by every worker.
/// </summary>
public interface IBoilerplateStore
{
    /// <summary>True when the line (see <see cref="BoilerplateLines.Hash"/>) has been seen in enough different articles.</summary>
    bool IsBoilerplate(ulong lineHash);

    /// <summary>Records the candidate lines of one article. Idempotent: the same article observed twice counts once.</summary>
    void Observe(BoilerplateObservation observation);
}

/// <param name="ArticleSignature">Identifies the article's text (see <see cref="BoilerplateLines.Signature"/>): copies of one story share it.</param>
/// <param name="LineHashes">Hashes of the article's candidate lines.</param>
public sealed record BoilerplateObservation(ulong ArticleSignature, IReadOnlyList<ulong> LineHashes);
