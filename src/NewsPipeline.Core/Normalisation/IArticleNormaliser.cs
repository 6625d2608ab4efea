namespace NewsPipeline.Core.Normalisation;

public interface IArticleNormaliser
{
    /// <summary>Turns raw file bytes into a clean article; the file name's extension picks the format.</summary>
    NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content);

    /// <summary>
    /// As <see cref="Normalise(string, ReadOnlySpan{byte})"/>, within a budget: a normaliser that can run long checks
    /// <paramref name="budget"/> as it goes and, once it is cancelled, rejects the input naming the budget. The default
    /// ignores the budget (cheap formats, test doubles).
    /// </summary>
    NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content, CancellationToken budget) =>
        Normalise(fileName, content);
}
