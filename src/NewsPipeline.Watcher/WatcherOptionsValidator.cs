using Microsoft.Extensions.Options;

namespace NewsPipeline.Watcher;

/// <summary>Fails the start with messages naming the key; creates the folders, since a folder that cannot be created is a bad value.</summary>
public sealed class WatcherOptionsValidator : IValidateOptions<WatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, WatcherOptions options)
    {
        var errors = new List<string>();
        if (options.MaxFileBytes <= 0)
            errors.Add($"Watcher:MaxFileBytes must be positive, not {options.MaxFileBytes}");
        if (options.MaxAttempts < 1)
            errors.Add($"Watcher:MaxAttempts must be at least 1, not {options.MaxAttempts}");
        if (options.MaxInFlight < 1)
            errors.Add($"Watcher:MaxInFlight must be at least 1, not {options.MaxInFlight}");
        if (options.StableFor <= TimeSpan.Zero)
            errors.Add($"Watcher:StableFor must be positive, not {options.StableFor}");
        if (options.RescanInterval <= TimeSpan.Zero)
            errors.Add($"Watcher:RescanInterval must be positive, not {options.RescanInterval}");
        if (options.ReannounceAfter <= TimeSpan.Zero)
            errors.Add($"Watcher:ReannounceAfter must be positive, not {options.ReannounceAfter}");
        if (options.MinFreeBytes < 0)
            errors.Add($"Watcher:MinFreeBytes must not be negative, not {options.MinFreeBytes}");
        if (options.Patterns.Count == 0 || options.Patterns.Any(p => string.IsNullOrWhiteSpace(p) || p.IndexOfAny(['/', '\\']) >= 0))
            errors.Add("Watcher:Patterns must list file-name patterns such as *.txt (no folders, no empty entries)");
        if (string.IsNullOrEmpty(options.OutcomeQueue) || options.OutcomeQueue.Length > 200
            || !options.OutcomeQueue.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add($"Watcher:OutcomeQueue must be a queue name of letters, digits, '-', '_' and '.' (at most 200), not '{options.OutcomeQueue}'");

        var folders = new (string Key, string Value)[]
        {
            ("Watcher:Inbox", options.Inbox), ("Watcher:Processing", options.Processing),
            ("Watcher:Done", options.Done), ("Watcher:Failed", options.Failed),
        };
        var resolved = new List<(string Key, string Path)>();
        foreach (var (key, value) in folders)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{key} must name a folder");
                continue;
            }
            try
            {
                var full = Path.GetFullPath(value);
                Directory.CreateDirectory(full);
                resolved.Add((key, full));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"{key} '{value}' cannot be created: {e.Message}");
            }
        }

        // Nested folders would feed the watcher's own output back into the inbox (or move folders into themselves).
        foreach (var a in resolved)
        {
            foreach (var b in resolved.Where(b => b.Key != a.Key && string.CompareOrdinal(a.Key, b.Key) < 0))
            {
                if (a.Path == b.Path || WatcherPaths.IsInside(a.Path, b.Path) || WatcherPaths.IsInside(b.Path, a.Path))
                    errors.Add($"{a.Key} ('{a.Path}') and {b.Key} ('{b.Path}') must be separate folders, neither inside the other");
            }
        }

        var inbox = resolved.FirstOrDefault(r => r.Key == "Watcher:Inbox").Path;
        var processing = resolved.FirstOrDefault(r => r.Key == "Watcher:Processing").Path;
        if (inbox is not null && processing is not null && inbox != processing)
        {
            try
            {
                if (SameFileSystemProbe.Check(inbox, processing) is { } problem)
                    errors.Add($"Watcher:Processing ('{processing}') and Watcher:Inbox ('{inbox}'): {problem}; a claim is an atomic rename, so they must share one file system");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"Watcher:Inbox ('{inbox}') must be writable: {e.Message}");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
