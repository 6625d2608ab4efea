namespace NewsPipeline.Core.Pipeline;

/// <summary>Stage names as they appear in rejections and reason files.</summary>
public static class Stages
{
    public const string Watcher = "watcher";
    public const string Normalise = "normalise";
    public const string Classify = "classify";
    public const string Sink = "sink";
}
