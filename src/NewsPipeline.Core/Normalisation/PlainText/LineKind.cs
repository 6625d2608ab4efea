namespace NewsPipeline.Core.Normalisation.PlainText;

/// <summary>What a line looks like on its own, before the article region is chosen.</summary>
internal enum LineKind
{
    /// <summary>Long and sentence-like: article text unless it sits among boilerplate.</summary>
    Good,

    /// <summary>Medium length, or sentence-like but short: kept inside the article region.</summary>
    Near,

    /// <summary>A few words (menu entries, labels, subheadings): never kept.</summary>
    Short,

    /// <summary>Known boilerplate, a timestamp, a repeated line, or metadata: never kept.</summary>
    Bad,
}
