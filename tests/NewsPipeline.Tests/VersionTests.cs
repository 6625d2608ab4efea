using System.Diagnostics;
using System.Xml.Linq;
using NewsPipeline.Testing;

namespace NewsPipeline.Tests;

/// <summary>`newspipeline --version` prints the version Directory.Build.props sets, from the built executable.</summary>
public sealed class VersionTests
{
    private static string Executable
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(Repository.RequiredRoot, "src", "NewsPipeline", "bin", configuration, "net10.0", "newspipeline.dll");
        }
    }

    [Fact]
    public async Task Version_PrintsTheVersionOfDirectoryBuildProps()
    {
        var declared = XDocument.Load(Path.Combine(Repository.RequiredRoot, "Directory.Build.props")).Descendants("Version").Select(v => v.Value.Trim()).SingleOrDefault();
        Assert.False(string.IsNullOrEmpty(declared), "Directory.Build.props declares no <Version>");
        Assert.True(File.Exists(Executable), $"build the solution first: {Executable} is missing");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Executable);
        start.ArgumentList.Add("--version");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        var printed = (await stdout).Trim();

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {printed}\n{await stderr}");
        // A build from a git checkout appends the commit ("0.2.0-dev+4178dab…"); the version itself comes first.
        Assert.Equal(declared, printed.Split('+')[0]);
    }
}
