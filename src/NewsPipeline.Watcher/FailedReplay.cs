using System.Text.Json;

namespace NewsPipeline.Watcher;

/// <summary>One file in failed/ and why it is there (its reason file; null fields when that is missing or unreadable).</summary>
public sealed record FailedFile(string FileName, string? Stage, string? Reason);

/// <summary>
/// `replay failed`: moves files from failed/ back into the inbox, where the watcher takes them as new deliveries, and
/// removes their reason files. Replaying is safe to repeat: a moved file is no longer in failed/, and content that is
/// stored already is stored once (ArticleId is the content hash), the file getting its own "duplicate" outcome.
/// </summary>
public static class FailedReplay
{
    /// <summary>The failed files, with their reasons, oldest name first; those whose reason does not contain <paramref name="reasonFilter"/> are left out.</summary>
    public static IReadOnlyList<FailedFile> List(WatcherPaths paths, string? reasonFilter)
    {
        if (!Directory.Exists(paths.Failed))
            return [];
        return [.. Directory.EnumerateFiles(paths.Failed, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(FileOutcomes.ReasonSuffix, StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => Describe(paths.Failed, f))
            .Where(f => reasonFilter is null || (f.Reason ?? "").Contains(reasonFilter, StringComparison.OrdinalIgnoreCase)
                || string.Equals(f.Stage, reasonFilter, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// Moves one failed file back into the inbox under its own name (or "name (2).txt" when the inbox has one), then
    /// deletes its reason file. Through a hidden temp name, so the watcher never takes half a file when failed/ is on
    /// another file system. Returns the inbox name, or null when the file is gone (replayed meanwhile).
    /// </summary>
    public static string? MoveBack(WatcherPaths paths, FailedFile file)
    {
        var source = WatcherPaths.Under(paths.Failed, file.FileName);
        var wanted = WatcherPaths.Under(paths.Inbox, file.FileName);
        if (source is null || wanted is null || !File.Exists(source))
            return null;
        Directory.CreateDirectory(Path.GetDirectoryName(wanted)!);
        var temp = Path.Combine(Path.GetDirectoryName(wanted)!, $".{Path.GetFileName(wanted)}.{Guid.NewGuid():N}.replay.tmp");
        try
        {
            File.Move(source, temp);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        var target = FileOutcomes.UniqueName(wanted);
        File.Move(temp, target);
        // After the move: a crash before this leaves a stale reason without its file, which the next failure of the
        // same name overwrites.
        File.Delete(source + FileOutcomes.ReasonSuffix);
        return WatcherPaths.ToFileName(paths.Inbox, target);
    }

    private static FailedFile Describe(string root, string path)
    {
        var name = WatcherPaths.ToFileName(root, path);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path + FileOutcomes.ReasonSuffix));
            return new FailedFile(name, Text(json.RootElement, "stage"), Text(json.RootElement, "reason"));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return new FailedFile(name, null, null);
        }
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
