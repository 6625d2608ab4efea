namespace NewsPipeline.Core.Classification;

/// <summary>PLACEHOLDER: replaced by the real model.</summary>
public sealed class TopicModel : ITopicClassifier
{
    public IReadOnlyList<string> Labels { get; } = ["World", "Sports", "Business", "Sci/Tech"];

    public static TopicModel Load(Stream stream) => new();

    public TopicPrediction Classify(string title, string body) => new("World", 0.25, "Sports", 0.25);
}
