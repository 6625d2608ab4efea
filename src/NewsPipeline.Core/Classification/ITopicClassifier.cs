namespace NewsPipeline.Core.Classification;

public interface ITopicClassifier
{
    /// <summary>The labels the model knows, in model order.</summary>
    IReadOnlyList<string> Labels { get; }

    TopicPrediction Classify(string title, string body);
}
