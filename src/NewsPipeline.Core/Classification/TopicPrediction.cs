namespace NewsPipeline.Core.Classification;

public sealed record TopicPrediction(string Category, double Confidence, string? RunnerUp, double? RunnerUpConfidence)
{
    public const string Unclassified = "Unclassified";
}
