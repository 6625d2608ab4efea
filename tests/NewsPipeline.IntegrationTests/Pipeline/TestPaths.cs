using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

internal static class TestPaths
{
    /// <summary>The reference input: the shared seed article, or our own copy of that kind of input.</summary>
    public static byte[] SeedArticle()
    {
        var shared = Repository.SharedData is { } data ? Path.Combine(data, "seed", "blinken-thehill.txt") : null;
        return File.ReadAllBytes(shared is not null && File.Exists(shared)
            ? shared
            : Path.Combine(AppContext.BaseDirectory, "Fixtures", "blinken-like.txt"));
    }

    /// <summary>The built executable of the same configuration as this test assembly.</summary>
    public static string Executable => Repository.Executable;
}
