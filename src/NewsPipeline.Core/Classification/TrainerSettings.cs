namespace NewsPipeline.Core.Classification;

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
}
