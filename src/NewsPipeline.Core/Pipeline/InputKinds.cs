namespace NewsPipeline.Core.Pipeline;

/// <summary>The kind of input a file is, by its extension, as the normaliser picks its format: a metrics attribute.</summary>
public static class InputKinds
{
    public static string Of(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".txt" => "text",
        ".html" or ".htm" => "html",
        ".json" => "json",
        _ => "other",
    };
}
