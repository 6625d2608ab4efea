using Microsoft.Extensions.Options;

namespace NewsPipeline.Processing;

/// <summary>
/// Fails start-up unless the configured model file exists and loads, naming the key, so a bad path or a corrupt
/// model stops the process at once instead of faulting every article. The loaded model is kept for the workers.
/// </summary>
internal sealed class ClassifierOptionsValidator(TopicModelHolder holder) : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        if (options.MinConfidence is not (>= 0 and <= 1))
            return ValidateOptionsResult.Fail($"Classifier:MinConfidence must be between 0 and 1 (is {options.MinConfidence})");
        var path = options.ResolvedModelPath;
        if (!File.Exists(path))
            return ValidateOptionsResult.Fail($"Classifier:ModelPath: no model file at '{path}'");
        try
        {
            holder.Get(path);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Classifier:ModelPath: '{path}' is not a usable topic model: {e.Message}");
        }
    }
}
