namespace NewsPipeline.Watcher;

/// <summary>The watcher's four folders as full paths, and the mapping between relative file names and those folders.</summary>
public sealed record WatcherPaths(string Inbox, string Processing, string Done, string Failed)
{
    /// <summary>Relative path as it travels in messages: '/'-separated, whatever the platform.</summary>
    public static string ToFileName(string root, string fullPath) =>
        Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// Maps a message's FileName under <paramref name="root"/>; null when it would leave that folder (a FileName arrives
    /// from the broker, so "../x" must never move a file outside the watcher's folders).
    /// </summary>
    public static string? Under(string root, string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || Path.IsPathRooted(fileName))
            return null;
        var full = Path.GetFullPath(Path.Combine(root, fileName.Replace('/', Path.DirectorySeparatorChar)));
        return IsInside(root, full) ? full : null;
    }

    public static bool IsInside(string root, string fullPath)
    {
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
