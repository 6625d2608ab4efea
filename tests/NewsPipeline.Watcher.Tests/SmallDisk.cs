using System.Diagnostics;

namespace NewsPipeline.Watcher.Tests;

/// <summary>A tmpfs of a few KB mounted over a folder: a disk that fills up for real. Needs root (mount).</summary>
internal sealed class SmallDisk : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public string Folder { get; }

    public SmallDisk(string folder, string size)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder);
    }

    /// <summary>Why no tmpfs can be mounted here, or null when it can.</summary>
    public static string? Missing => Unavailable.Value;

    /// <summary>Writes a file until the disk says it is full.</summary>
    public string Fill()
    {
        var filler = Path.Combine(Folder, "filler");
        using var stream = File.Create(filler);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            return filler;
        }
    }

    public void Dispose() => Run("umount", "-l", Folder);

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
            return "a tmpfs needs Linux";
        if (!Environment.IsPrivilegedProcess)
            return "mounting a tmpfs (a disk that fills up) needs root";
        var folder = Directory.CreateTempSubdirectory("np-tmpfs-probe-").FullName;
        try
        {
            using var disk = new SmallDisk(folder, "64k");
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"cannot mount a tmpfs here: {e.Message}";
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)}: {error.Trim()}");
    }
}

/// <summary>A fact that needs a tmpfs (root): skipped, saying why, where none can be mounted.</summary>
internal sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.Missing is { } reason)
            Skip = reason;
    }
}
