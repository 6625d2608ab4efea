using System.Globalization;

namespace NewsPipeline.Evaluation.Classification;

/// <summary>A labelled data file as `train` and `eval classify` read it; the format follows the file's extension.</summary>
public static class LabelledDataFile
{
    /// <summary>Rows of a CSV (header row) or JSON Lines file (.jsonl / .ndjson / .json), AG News artefacts cleaned.</summary>
    /// <exception cref="InvalidDataException">The content is not a usable data set; the message names the file.</exception>
    public static IReadOnlyList<LabelledText> Read(FileInfo file, LabelledColumns columns, bool stripSourceTags)
    {
        if (!file.Exists) throw new FileNotFoundException($"data file '{file.FullName}' does not exist");
        var jsonLines = file.Extension.ToLower(CultureInfo.InvariantCulture) is ".jsonl" or ".ndjson" or ".json";
        using var reader = new StreamReader(file.FullName);
        try
        {
            return TrainingSetParser.Parse(reader, jsonLines, columns, stripSourceTags: stripSourceTags);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{file.Name}: {e.Message}", e);
        }
    }
}
