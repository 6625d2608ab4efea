namespace NewsPipeline.Watcher;

public enum InboxEntryKind
{
    /// <summary>A regular file: claimed once stable.</summary>
    File,

    /// <summary>A symbolic link whose target lies outside the folder (or is missing): claimed and rejected, never read.</summary>
    LinkOutside,

    /// <summary>A symbolic link to a file inside the folder: skipped, because its target is taken on its own.</summary>
    LinkInside,

    /// <summary>A symbolic link to a folder: never descended into (loops, and folders outside the inbox).</summary>
    LinkedFolder,

    /// <summary>
    /// A name that is not valid UTF-8 or holds a control character (<see cref="SafeNames"/>): renamed where it lies
    /// before it is taken. <see cref="InboxEntry.FullPath"/> is its folder; FileName is for logs only.
    /// </summary>
    UnsafeName,
}

/// <param name="FileName">Path relative to the scanned folder, '/'-separated.</param>
public sealed record InboxEntry(string FileName, string FullPath, InboxEntryKind Kind, long Length, DateTime LastWriteUtc, string? LinkTarget);
