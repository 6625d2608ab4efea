namespace NewsPipeline.IntegrationTests.Pipeline;

internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared evaluation data beside the repository (present in CI), or null.</summary>
    public static string? SharedData => Directory.Exists(Path.Combine(RepoRoot, "..", "shared", "data"))
        ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"))
        : null;

    /// <summary>The reference input: the shared seed article, or our own copy of that kind of input.</summary>
    public static byte[] SeedArticle()
    {
        var shared = SharedData is { } data ? Path.Combine(data, "seed", "blinken-thehill.txt") : null;
        return File.ReadAllBytes(shared is not null && File.Exists(shared)
            ? shared
            : Path.Combine(AppContext.BaseDirectory, "Fixtures", "blinken-like.txt"));
    }

    /// <summary>The built executable of the same configuration as this test assembly.</summary>
    public static string Executable
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(RepoRoot, "src", "NewsPipeline", "bin", configuration, "net10.0", "newspipeline.dll");
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("NewsPipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
