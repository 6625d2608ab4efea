using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>A throw-away pipeline working folder: inbox, processing, done, failed and the database.</summary>
internal sealed class Folders : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("np-it-").FullName;
    public string Inbox => Path.Combine(Root, "inbox");
    public string Processing => Path.Combine(Root, "processing");
    public string Done => Path.Combine(Root, "done");
    public string Failed => Path.Combine(Root, "failed");
    public string Database => Path.Combine(Root, "data", "newspipeline.db");

    public Folders() => Directory.CreateDirectory(Inbox);

    public Dictionary<string, string?> Settings() => new()
    {
        ["Watcher:Inbox"] = Inbox,
        ["Watcher:Processing"] = Processing,
        ["Watcher:Done"] = Done,
        ["Watcher:Failed"] = Failed,
        ["Watcher:StableFor"] = "00:00:00.200",
        ["Watcher:RescanInterval"] = "00:00:00.500",
        ["Watcher:MaxFileBytes"] = "100000",
        ["Store:SqlitePath"] = Database,
    };

    /// <summary>Writes to a hidden temp name first, then renames: the watcher sees only whole files.</summary>
    public void Drop(string name, byte[] content)
    {
        var target = Path.Combine(Inbox, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(name) + ".tmp");
        File.WriteAllBytes(temp, content);
        File.Move(temp, target);
    }

    /// <summary>Files under <paramref name="folder"/> (or its <paramref name="sub"/>folder), not counting claim or reason files.</summary>
    public static int Count(string folder, string sub = "") => Directory.Exists(Path.Combine(folder, sub))
        ? Directory.EnumerateFiles(Path.Combine(folder, sub), "*", SearchOption.AllDirectories)
            .Count(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".error.json", StringComparison.Ordinal))
        : 0;

    /// <summary>What each folder holds (the first few names), for a failing test's message.</summary>
    public string Listing() => string.Join('\n', new[] { Inbox, Processing, Done, Failed }
        .Where(Directory.Exists)
        .Select(f => $"{f}: {Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories).Count()} files, e.g. "
            + string.Join(", ", Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories).Take(12).Select(p => Path.GetRelativePath(f, p)))));

    /// <summary>Polls the condition until it holds or the deadline passes; true when it held (<see cref="Eventually"/>).</summary>
    public static Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null) => Eventually.TryAsync(condition, timeout, every);

    public static Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => Eventually.TryAsync(condition, timeout);

    public static Task<bool> WaitForFileAsync(string path, TimeSpan timeout) => Eventually.TryAsync(() => File.Exists(path), timeout, TimeSpan.FromMilliseconds(100));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
