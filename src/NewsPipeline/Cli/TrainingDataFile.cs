using System.CommandLine;
using NewsPipeline.Core.Classification;
using NewsPipeline.Evaluation.Classification;

namespace NewsPipeline.Cli;

/// <summary>
/// Options shared by `train` and `eval classify`: the labelled file's columns and the trainer's knobs. Only the
/// parsing lives here; reading the file is <see cref="LabelledDataFile"/>'s.
/// </summary>
internal sealed class TrainingDataFile
{
    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "Label column (CSV) or field (JSON Lines)", DefaultValueFactory = _ => "label" };

    public Option<string> TitleColumn { get; } = new("--title-column") { Description = "Title column or field (may be absent from the data)", DefaultValueFactory = _ => "title" };

    public Option<string> TextColumn { get; } = new("--text-column") { Description = "Text column or field (may be absent from the data)", DefaultValueFactory = _ => "text" };

    public Option<double> L2 { get; } = new("--l2") { Description = "L2 penalty of the logistic regression", DefaultValueFactory = _ => new TrainerSettings().L2 };

    public Option<int> HashBits { get; } = new("--hash-bits") { Description = "log2 of the feature hash space (model size grows with it)", DefaultValueFactory = _ => new FeaturizerSettings().HashBits };

    public Option<int> CalibrationFolds { get; } = new("--calibration-folds") { Description = "Held-out folds used to fit the probability temperature (0 = raw softmax)", DefaultValueFactory = _ => new TrainerSettings().CalibrationFolds };

    public Option<float> TitleWeight { get; } = new("--title-weight") { Description = "How many times title words count", DefaultValueFactory = _ => new FeaturizerSettings().TitleWeight };

    public Option<int> CharMax { get; } = new("--char-max") { Description = "Longest character n-gram (0 = none)", DefaultValueFactory = _ => new FeaturizerSettings().CharMax };

    public Option<int> CharMin { get; } = new("--char-min") { Description = "Shortest character n-gram", DefaultValueFactory = _ => new FeaturizerSettings().CharMin };

    public Option<bool> CharsAcrossWords { get; } = new("--chars-across-words") { Description = "Character n-grams across the whole text (spanning word boundaries) instead of inside each word" };

    public Option<bool> CharsCounted { get; } = new("--chars-counted") { Description = "Character n-grams counted per bucket with the exact L2 norm (the format-1/2 recipe, about half as fast) instead of summed per word" };

    public Option<float> CharWeight { get; } = new("--char-weight") { Description = "Weight of character n-grams against word features", DefaultValueFactory = _ => new FeaturizerSettings().CharWeight };

    public Option<int> MinDf { get; } = new("--min-df") { Description = "Ignore feature buckets seen in fewer training rows than this", DefaultValueFactory = _ => new TrainerSettings().MinDf };

    public Option<bool> WordTrigrams { get; } = new("--word-trigrams") { Description = "Word trigrams as well as unigrams and bigrams" };

    public Option<bool> TitleFeatures { get; } = new("--title-features") { Description = "Give title n-grams feature buckets of their own as well" };

    public Option<bool> KeepSourceTags { get; } = new("--keep-source-tags") { Description = "Keep AG-style news-agency tags (\"(Reuters)\", \"AFP - \") as evidence instead of removing them" };

    public IEnumerable<Option> All => [LabelColumn, TitleColumn, TextColumn, L2, HashBits, CalibrationFolds, TitleWeight, CharMin, CharMax, CharsAcrossWords, CharsCounted, CharWeight, MinDf, WordTrigrams, TitleFeatures, KeepSourceTags];

    public TrainerSettings Settings(ParseResult parse)
    {
        var defaults = new TrainerSettings();
        return defaults with
        {
            L2 = parse.GetValue(L2),
            CalibrationFolds = parse.GetValue(CalibrationFolds),
            MinDf = parse.GetValue(MinDf),
            Featurizer = defaults.Featurizer with { HashBits = parse.GetValue(HashBits), TitleWeight = parse.GetValue(TitleWeight), CharMin = parse.GetValue(CharMin), CharMax = parse.GetValue(CharMax), CharsAcrossWords = parse.GetValue(CharsAcrossWords), TitleFeatures = parse.GetValue(TitleFeatures), CharGramsPerWord = !parse.GetValue(CharsCounted), CharWeight = parse.GetValue(CharWeight), WordTrigrams = parse.GetValue(WordTrigrams) },
        };
    }

    /// <summary>Rows of a CSV (header row) or JSON Lines file, read with the column names and cleaning the options ask for.</summary>
    public IReadOnlyList<LabelledText> Read(ParseResult parse, FileInfo file) =>
        LabelledDataFile.Read(file, new LabelledColumns(parse.GetValue(LabelColumn)!, parse.GetValue(TitleColumn)!, parse.GetValue(TextColumn)!), stripSourceTags: !parse.GetValue(KeepSourceTags));
}
