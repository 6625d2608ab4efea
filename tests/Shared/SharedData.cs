namespace NewsPipeline.Testing;

/// <summary>
/// A data set in the shared evaluation data (<see cref="Repository.SharedData"/>). Tests that need one are marked
/// <see cref="SharedDataFactAttribute"/> or <see cref="SharedDataTheoryAttribute"/>, so a machine without it reports
/// them Skipped (with the reason) rather than Passed; inside the test <see cref="Require"/> gives the path.
/// </summary>
internal static class SharedData
{
    /// <summary>Why <paramref name="dataset"/> (and <paramref name="requiredFile"/> in it) cannot be used here, or null when it can.</summary>
    public static string? Missing(string dataset, string? requiredFile = null)
    {
        if (Repository.SharedDataPath is not { } data)
            return "repository root (NewsPipeline.sln) not found, so neither is ../shared/data (set " + Repository.SharedDataVariable + ")";
        var folder = Path.Combine(data, dataset);
        var wanted = requiredFile is null ? folder : Path.Combine(folder, requiredFile);
        var present = requiredFile is null ? Directory.Exists(folder) : File.Exists(wanted);
        return present ? null : $"{wanted} not found (the shared evaluation data is not on this machine)";
    }

    /// <summary>The data set's folder; throws when it is absent, which only a test not marked as needing it can see.</summary>
    public static string Require(string dataset, string? requiredFile = null) =>
        Missing(dataset, requiredFile) is { } reason
            ? throw new InvalidOperationException(reason + "; mark the test [SharedDataFact] or [SharedDataTheory]")
            : Path.Combine(Repository.SharedDataPath!, dataset);
}

/// <summary>A fact that needs a shared data set: skipped, saying which, on a machine without it.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    /// <param name="dataset">Folder under the shared data, e.g. "reuters".</param>
    /// <param name="requiredFile">A file the folder must hold to count as present, e.g. "gold.jsonl".</param>
    public SharedDataFactAttribute(string dataset, string? requiredFile = null)
    {
        if (SharedData.Missing(dataset, requiredFile) is { } reason)
            Skip = reason;
    }
}

/// <summary>A theory that needs a shared data set: every case skipped, saying which, on a machine without it.</summary>
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    /// <param name="dataset">Folder under the shared data, e.g. "extraction-aeb".</param>
    /// <param name="requiredFile">A file the folder must hold to count as present, e.g. "gold.jsonl".</param>
    public SharedDataTheoryAttribute(string dataset, string? requiredFile = null)
    {
        if (SharedData.Missing(dataset, requiredFile) is { } reason)
            Skip = reason;
    }
}
