namespace NewsPipeline.Core.Normalisation;

public interface IArticleNormaliser
{
    /// <summary>Turns raw file bytes into a clean article; the file name's extension picks the format.</summary>
    NormalisationResult Normalise(string fileName, ReadOnlySpan<byte> content);
}
