namespace NewsPipeline.Processing;

/// <summary>Config section "Classifier".</summary>
public sealed class ClassifierOptions
{
    public const string Section = "Classifier";

    /// <summary>Model file; a relative path resolves against the executable's folder, so any working directory works.</summary>
    public string ModelPath { get; set; } = "Models/topic-model.bin";

    /// <summary>Below this probability the category is "Unclassified"; 0 turns that off.</summary>
    public double MinConfidence { get; set; }

    public string ResolvedModelPath => Path.IsPathRooted(ModelPath) ? ModelPath : Path.Combine(AppContext.BaseDirectory, ModelPath);
}
