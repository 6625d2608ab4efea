namespace NewsPipeline.Core.Tests;

/// <summary>Locates the project's own fixtures and the shared evaluation data (../shared/data beside the repository).</summary>
internal static class TestData
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The shared data folder, or null when this machine does not have it (the caller then reports a skip).</summary>
    public static string? SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln"))) continue;
            var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            return Directory.Exists(data) ? data : null;
        }
        return null;
    }
}
