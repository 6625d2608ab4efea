using System.CommandLine;

namespace NewsPipeline.Cli;

/// <summary>`eval`: quality of each stage measured against labelled data, one subcommand per stage.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Measure a stage's quality against a labelled dataset")
    {
        EvalDedupCommand.Create(),
        EvalSyndicationSetCommand.Create(),
        EvalExtractionCommand.Create(),
        EvalClassifyCommand.Create(),
    };
}
