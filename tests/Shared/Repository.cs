using System.Diagnostics;

namespace NewsPipeline.Testing;

/// <summary>
/// The repository a test assembly was built from: its root, the shared evaluation data beside it, and its scripts.
/// One source file, linked into every test project, instead of a copy of the same search in each.
/// </summary>
internal static class Repository
{
    /// <summary>The folder holding NewsPipeline.sln above the test assembly, or null when there is none.</summary>
    public static string? Root { get; } = Find();

    public static string RequiredRoot => Root ?? throw new InvalidOperationException("NewsPipeline.sln not found above " + AppContext.BaseDirectory);

    /// <summary>Names the shared data folder instead of ../shared/data (e.g. a non-existent path, to see what skips without it).</summary>
    public const string SharedDataVariable = "NEWSPIPELINE_SHARED_DATA";

    /// <summary>
    /// Where the shared evaluation data should be: <see cref="SharedDataVariable"/> when set, else ../shared/data beside
    /// the repository; null only when there is neither the variable nor a repository root. It may not exist.
    /// </summary>
    public static string? SharedDataPath =>
        Environment.GetEnvironmentVariable(SharedDataVariable) is { Length: > 0 } given ? Path.GetFullPath(given)
        : Root is not null ? Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"))
        : null;

    /// <summary>The shared evaluation data folder (CI has it), or null when this machine does not.</summary>
    public static string? SharedData => SharedDataPath is { } data && Directory.Exists(data) ? data : null;

    /// <summary>The built `newspipeline` executable of the same configuration as this test assembly.</summary>
    public static string Executable
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(RequiredRoot, "src", "NewsPipeline", "bin", configuration, "net10.0", "newspipeline.dll");
        }
    }

    /// <summary>Runs scripts/<paramref name="script"/> with bash and returns its standard output; a non-zero exit throws with its output.</summary>
    public static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RequiredRoot, "scripts", script));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        return await stdout;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsPipeline.sln")))
                return dir.FullName;
        }
        return null;
    }
}
