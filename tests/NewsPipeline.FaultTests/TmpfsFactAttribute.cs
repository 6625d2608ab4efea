using System.Diagnostics;

namespace NewsPipeline.FaultTests;

/// <summary>
/// A fact that needs a tmpfs it may mount (root, or CAP_SYS_ADMIN): reported Skipped, with the reason, where mounting
/// fails, never Passed. Asked once, by mounting a tiny tmpfs on a temp folder.
/// </summary>
internal sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public TmpfsFactAttribute()
    {
        if (Missing.Value is { } reason)
            Skip = reason;
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
            return "a tmpfs needs Linux";
        var folder = Directory.CreateTempSubdirectory("np-tmpfs-probe-").FullName;
        try
        {
            var (code, error) = Tmpfs.Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder);
            if (code != 0)
                return $"cannot mount a tmpfs here (needs root): {error.Trim()}";
            Tmpfs.Run("umount", folder);
            return null;
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}

/// <summary>Mounts and unmounts the small file system a full-disk run fills.</summary>
internal static class Tmpfs
{
    public static void Mount(string folder, string size)
    {
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder);
        if (code != 0)
            throw new InvalidOperationException($"mount of a tmpfs on {folder} failed: {error}");
    }

    public static void Unmount(string folder) => Run("umount", folder);

    public static (int Code, string Error) Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }
}
