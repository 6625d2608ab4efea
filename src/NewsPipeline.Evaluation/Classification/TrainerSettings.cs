using NewsPipeline.Core.Classification;

namespace NewsPipeline.Evaluation.Classification;

public sealed record TrainerSettings
{
    public FeaturizerSettings Featurizer { get; init; } = new();

    /// <summary>L2 penalty on the weights, added to the mean log-loss as L2/2·‖W‖².</summary>
    public double L2 { get; init; } = 1e-4;

    public int MaxIterations { get; init; } = 300;

    /// <summary>Stop when an iteration improves the objective by less than this (relative).</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Held-out folds whose predictions fit the temperature; 0 or 1 keeps the raw softmax (T = 1).</summary>
    public int CalibrationFolds { get; init; } = 3;

    public int Seed { get; init; } = 17;

    public void Validate()
    {
        Featurizer.Validate();
        if (MinDf < 1) throw new ArgumentOutOfRangeException(nameof(MinDf), MinDf, "must be at least 1");
    }

    /// <summary>
    /// Buckets seen in fewer training rows than this get no weight (treated as never seen): a feature of one row
    /// can only memorise it. 2 measured +0.0008 on AG 5-fold (within noise), R8 unchanged, and a smaller model.
    /// </summary>
    public int MinDf { get; init; } = 2;
}
