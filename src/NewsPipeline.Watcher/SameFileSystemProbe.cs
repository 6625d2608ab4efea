using System.Runtime.InteropServices;

namespace NewsPipeline.Watcher;

/// <summary>
/// Checks that a rename from one folder to another is a real rename. .NET's File.Move silently falls back to
/// copy + delete across file systems, which would make a claim non-atomic; rename(2) itself fails with EXDEV instead.
/// </summary>
internal static partial class SameFileSystemProbe
{
    private const int Exdev = 18; // same value on Linux and macOS

    /// <summary>Null when <paramref name="to"/> is reachable by rename from <paramref name="from"/>, otherwise why not.</summary>
    public static string? Check(string from, string to)
    {
        if (OperatingSystem.IsWindows())
            return string.Equals(Path.GetPathRoot(from), Path.GetPathRoot(to), StringComparison.OrdinalIgnoreCase)
                ? null
                : "they are on different volumes";

        var name = $".newspipeline-probe-{Guid.NewGuid():N}";
        var source = Path.Combine(from, name);
        var target = Path.Combine(to, name);
        File.WriteAllBytes(source, []);
        try
        {
            if (Rename(source, target) == 0)
                return null;
            var errno = Marshal.GetLastPInvokeError();
            return errno == Exdev ? "they are on different file systems" : $"a rename between them fails (errno {errno})";
        }
        finally
        {
            File.Delete(source);
            File.Delete(target);
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);
}
