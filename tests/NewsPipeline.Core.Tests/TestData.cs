namespace NewsPipeline.Core.Tests;

/// <summary>Locates the project's own fixtures (the shared evaluation data: <see cref="Testing.Repository.SharedData"/>).</summary>
internal static class TestData
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
