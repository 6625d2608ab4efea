using System.IO.Enumeration;

namespace NewsPipeline.Watcher;

/// <summary>Lists a folder tree: hidden names (writers' temp files) and non-matching names are left out; links are classified, never followed.</summary>
public sealed class InboxScanner(IReadOnlyList<string> patterns, IReadOnlyList<string>? ignorePatterns = null)
{
    // Enumerate hidden entries too (the Hidden attribute on Unix means "starts with a dot"): filtering is ours, by name.
    private static readonly EnumerationOptions Options = new() { AttributesToSkip = 0, IgnoreInaccessible = true, RecurseSubdirectories = false };

    public static bool IsHidden(string name) => name.StartsWith('.');

    public bool Matches(string name) => AnyMatches(patterns, name) && !AnyMatches(ignorePatterns ?? [], name);

    // A loop, not LINQ: called for every entry of every scan, two closures a name were a fifth of what a scan of a
    // 100,000-file inbox allocated.
    private static bool AnyMatches(IReadOnlyList<string> expressions, string name)
    {
        for (var i = 0; i < expressions.Count; i++)
        {
            if (FileSystemName.MatchesSimpleExpression(expressions[i], name, ignoreCase: true))
                return true;
        }
        return false;
    }

    /// <summary>Every matching, non-hidden entry under <paramref name="root"/>; <paramref name="allNames"/> skips the pattern filter.</summary>
    public IEnumerable<InboxEntry> Scan(string root, bool allNames = false)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerator<FileSystemInfo> children;
            try
            {
                children = dir.EnumerateFileSystemInfos("*", Options).GetEnumerator();
            }
            catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                continue; // removed or unreadable while scanning: the next scan sees the new state
            }
            // One entry at a time, not the folder listed first: a folder of 100,000 files was 100,000 objects per scan.
            // Files claimed (renamed away) while the folder is read may or may not still be listed; a claim of one
            // already gone finds it gone.
            using (children)
            {
                while (true)
                {
                    FileSystemInfo child;
                    try
                    {
                        if (!children.MoveNext())
                            break;
                        child = children.Current;
                    }
                    catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
                    {
                        break; // as above: the next scan sees the new state
                    }
                    if (IsHidden(child.Name))
                        continue;
                    if (Entry(root, child, allNames, pending) is { } entry)
                        yield return entry;
                }
            }
        }
    }

    /// <summary>
    /// One entry, or null to skip it. Never throws for one entry: a file that vanished since the folder was listed is
    /// skipped (the next scan sees the new state); a name .NET cannot open (not valid UTF-8: its decoded name, with
    /// U+FFFD, names no file) or one holding a control character is reported as <see cref="InboxEntryKind.UnsafeName"/>.
    /// </summary>
    private InboxEntry? Entry(string root, FileSystemInfo child, bool allNames, Stack<DirectoryInfo> pending)
    {
        var fileName = WatcherPaths.ToFileName(root, child.FullName);
        if (SafeNames.HasControl(child.Name) && (allNames || Matches(child.Name) || child is DirectoryInfo))
            return Unsafe(child, fileName);
        try
        {
            if (child.LinkTarget is { } linkTarget)
            {
                return Classify(root, child, linkTarget) is { } link && (link.Kind == InboxEntryKind.LinkedFolder || allNames || Matches(child.Name))
                    ? link with { FileName = fileName }
                    : null;
            }
            if (child is DirectoryInfo sub)
            {
                if (sub.Name.Contains('\uFFFD', StringComparison.Ordinal) && !sub.Exists)
                    return Unsafe(child, fileName);
                pending.Push(sub);
            }
            else if (child is FileInfo file && (allNames || Matches(file.Name)))
                return new InboxEntry(fileName, file.FullName, InboxEntryKind.File, file.Length, file.LastWriteTimeUtc, null);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return child.Name.Contains('\uFFFD', StringComparison.Ordinal) && (allNames || Matches(child.Name)) ? Unsafe(child, fileName) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable right now: the next scan tries again
        }
    }

    private static InboxEntry Unsafe(FileSystemInfo child, string fileName) =>
        new(SafeNames.ForLog(fileName), Path.GetDirectoryName(child.FullName)!, InboxEntryKind.UnsafeName, 0, DateTime.MinValue, null);

    private static InboxEntry? Classify(string root, FileSystemInfo link, string linkTarget)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            target = null; // a link loop: treat like a missing target
        }
        var targetPath = target?.FullName ?? Path.GetFullPath(linkTarget, Path.GetDirectoryName(link.FullName)!);
        var kind = target is DirectoryInfo { Exists: true } ? InboxEntryKind.LinkedFolder
            : target is { Exists: true } && WatcherPaths.IsInside(root, targetPath) ? InboxEntryKind.LinkInside
            : InboxEntryKind.LinkOutside;
        return new InboxEntry("", link.FullName, kind, 0, DateTime.MinValue, targetPath);
    }
}
