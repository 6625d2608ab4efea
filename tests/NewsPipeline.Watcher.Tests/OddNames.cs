using System.Diagnostics;

namespace NewsPipeline.Watcher.Tests;

/// <summary>Files .NET's own APIs cannot create: names that are not valid UTF-8, written by a shell as a Latin-1 client would.</summary>
internal static class OddNames
{
    /// <summary>Runs a bash command in <paramref name="folder"/> and fails the test when it fails.</summary>
    public static void Bash(string folder, string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = folder, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bash -c {command} failed: {error}");
    }

    /// <summary>"café.txt" in Latin-1: the byte 0xE9 alone, which is not UTF-8.</summary>
    public static void WriteLatin1Name(string folder) => Bash(folder, @"printf 'Cafe\n\nA body about the cafe.' > $'caf\xe9.txt'");
}
