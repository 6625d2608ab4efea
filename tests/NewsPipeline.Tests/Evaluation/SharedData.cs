using NewsPipeline.Testing;
using Xunit.Abstractions;

namespace NewsPipeline.Tests.Evaluation;

/// <summary>The shared evaluation data beside the repository (../shared/data; CI has it), or a "SKIPPED" line saying why not.</summary>
internal static class SharedData
{
    /// <param name="requiredFile">A file the dataset folder must hold to count as present (e.g. gold.jsonl).</param>
    public static string? Folder(string name, ITestOutputHelper output, string? requiredFile = null)
    {
        if (Repository.Root is not { } root)
        {
            output.WriteLine("SKIPPED: repository root (NewsPipeline.sln) not found");
            return null;
        }
        var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", name));
        if (requiredFile is null ? Directory.Exists(folder) : File.Exists(Path.Combine(folder, requiredFile))) return folder;
        output.WriteLine($"SKIPPED: {folder} not found (the shared evaluation data is not on this machine)");
        return null;
    }
}
