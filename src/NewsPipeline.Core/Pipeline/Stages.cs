namespace NewsPipeline.Core.Pipeline;

/// <summary>Stage names as they appear in rejections, reason files and metrics.</summary>
public static class Stages
{
    public const string Watcher = "watcher";
    public const string Normalise = "normalise";
    /// <summary>Not a rejection stage (fingerprinting cannot fail): a name for its latency.</summary>
    public const string Fingerprint = "fingerprint";
    public const string Classify = "classify";
    public const string Sink = "sink";
}
