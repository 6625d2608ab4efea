namespace NewsPipeline.Core.Classification;

/// <summary>How text becomes hashed features; stored in the model so inference featurises exactly as training did.</summary>
public sealed record FeaturizerSettings
{
    /// <summary>log2 of the hash space. 2^18 keeps the model small; collisions cost little at this vocabulary size.</summary>
    public int HashBits { get; init; } = 18;

    /// <summary>Character n-grams of each word (with boundary marks), so inflections and rare names share evidence.</summary>
    public int CharMin { get; init; } = 3;

    public int CharMax { get; init; } = 5;

    /// <summary>
    /// Character n-grams over the whole lower-cased text (non-word runs become one space), so they also span word
    /// boundaries ("e minis"), as Microsoft.ML's FeaturizeText does. Off by default: measured slightly worse than
    /// in-word grams on AG News (0.8729 vs 0.8742, 5-fold) and R8 (0.952 vs 0.958), and slower.
    /// </summary>
    public bool CharsAcrossWords { get; init; }

    /// <summary>
    /// Each distinct word's character n-grams are features of weight tf (the word's sublinear count), summed
    /// linearly over words, and the text is normalised by √Σ (tf × IDF)² over those contributions rather than by the
    /// exact L2 norm of the summed vector. Then scoring looks every gram up once as it is hashed and needs no table
    /// of per-bucket counts: about twice as fast; on its own 0.002 less accurate on AG News (0.8720 vs 0.8742,
    /// 5-fold), more than made up by <see cref="CharWeight"/> (docs/classification.md).
    /// Model files before format 3 were trained with grams counted per bucket (false).
    /// </summary>
    public bool CharGramsPerWord { get; init; } = true;

    /// <summary>
    /// Weight of each character n-gram against word features (per-word grams only). Grams outnumber words about
    /// fifteen to one, so at full weight they dominate the norm and the word evidence. Measured (AG 5-fold / R8):
    /// 1 → 0.8729 / 0.9621, 0.5 → 0.8749 / 0.9607, 0.3 → 0.8766 / 0.9561 (all with MinDf 2); 0.5 keeps both.
    /// </summary>
    public float CharWeight { get; init; } = 0.5f;

    public bool WordBigrams { get; init; } = true;

    /// <summary>Word trigrams too. Off: +0.0014 on AG at CharWeight 0.5, −0.0013 at 0.3, i.e. noise, and it costs speed.</summary>
    public bool WordTrigrams { get; init; }

    /// <summary>Title n-grams also get buckets of their own (besides the shared ones), so a headline word can weigh differently.</summary>
    public bool TitleFeatures { get; init; }

    /// <summary>Title tokens count this many times: a title names the topic, a long body dilutes it.</summary>
    public float TitleWeight { get; init; } = 2f;

    /// <summary>Words longer than this contribute no char n-grams beyond this prefix (URLs, hashes, run-ons).</summary>
    public int MaxWordChars { get; init; } = 24;

    public void Validate()
    {
        if (HashBits is < 8 or > 24) throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, "must be 8..24");
        if (CharMin < 1 || CharMax > 8 || (CharMax != 0 && CharMin > CharMax))
            throw new ArgumentOutOfRangeException(nameof(CharMin), $"char n-gram range {CharMin}..{CharMax} is invalid (CharMax 0 turns them off)");
        if (!(CharWeight is > 0 and <= 100)) throw new ArgumentOutOfRangeException(nameof(CharWeight), CharWeight, "must be above 0, at most 100");
        if (!(TitleWeight is >= 0 and <= 100)) throw new ArgumentOutOfRangeException(nameof(TitleWeight), TitleWeight, "must be 0..100");
        if (MaxWordChars is < 1 or > 256) throw new ArgumentOutOfRangeException(nameof(MaxWordChars), MaxWordChars, "must be 1..256");
    }
}
