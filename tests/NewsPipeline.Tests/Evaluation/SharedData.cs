using Xunit.Abstractions;

namespace NewsPipeline.Tests.Evaluation;

/// <summary>The shared evaluation data beside the repository (../shared/data; CI has it), or a "SKIPPED" line saying why not.</summary>
internal static class SharedData
{
    /// <param name="requiredFile">A file the dataset folder must hold to count as present (e.g. gold.jsonl).</param>
    public static string? Folder(string name, ITestOutputHelper output, string? requiredFile = null)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln"))) continue;
            var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", name));
            if (requiredFile is null ? Directory.Exists(folder) : File.Exists(Path.Combine(folder, requiredFile))) return folder;
            output.WriteLine($"SKIPPED: {folder} not found (the shared evaluation data is not on this machine)");
            return null;
        }
        output.WriteLine("SKIPPED: repository root (NewsPipeline.sln) not found");
        return null;
    }
}
