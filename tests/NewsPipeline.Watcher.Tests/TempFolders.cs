namespace NewsPipeline.Watcher.Tests;

/// <summary>Real inbox / processing / done / failed folders under one throw-away root.</summary>
internal sealed class TempFolders : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("np-watcher-").FullName;

    public TempFolders()
    {
        foreach (var dir in new[] { Paths.Inbox, Paths.Processing, Paths.Done, Paths.Failed })
            Directory.CreateDirectory(dir);
    }

    public WatcherPaths Paths => new(Path.Combine(Root, "inbox"), Path.Combine(Root, "data", "processing"), Path.Combine(Root, "done"), Path.Combine(Root, "failed"));

    public WatcherOptions Options(long maxFileBytes = 1000) => new()
    {
        Inbox = Paths.Inbox,
        Processing = Paths.Processing,
        Done = Paths.Done,
        Failed = Paths.Failed,
        MaxFileBytes = maxFileBytes,
        StableFor = TimeSpan.FromMilliseconds(500),
    };

    public static string Write(string root, string fileName, string content)
    {
        var path = Path.Combine(root, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
            // Best effort; the OS cleans its temp folder.
        }
    }
}
