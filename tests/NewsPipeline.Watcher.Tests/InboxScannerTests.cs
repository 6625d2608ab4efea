namespace NewsPipeline.Watcher.Tests;

public sealed class InboxScannerTests : IDisposable
{
    private readonly TempFolders _folders = new();
    private readonly InboxScanner _scanner = new(WatcherOptions.DefaultPatterns);

    private string Inbox => _folders.Paths.Inbox;

    [Fact]
    public void Scan_MixedFolder_OnlyVisibleMatchingFilesWithSlashNames()
    {
        TempFolders.Write(Inbox, "a.txt", "x");
        TempFolders.Write(Inbox, "sub/deeper/B.HTML", "x");
        TempFolders.Write(Inbox, "c.json", "x");
        TempFolders.Write(Inbox, "notes.md", "x");
        TempFolders.Write(Inbox, ".a.txt.tmp", "x");
        TempFolders.Write(Inbox, ".hidden.txt", "x");
        TempFolders.Write(Inbox, ".git/d.txt", "x");

        var names = _scanner.Scan(Inbox).Select(e => e.FileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["a.txt", "c.json", "sub/deeper/B.HTML"], names);
    }

    [Fact]
    public void Scan_WritersTempAndBackupNames_IgnoredEvenWhenAPatternMatches()
    {
        var scanner = new InboxScanner(["*"], WatcherOptions.DefaultIgnorePatterns);
        TempFolders.Write(Inbox, "a.txt", "x");
        TempFolders.Write(Inbox, "b.txt.tmp", "x");
        TempFolders.Write(Inbox, "c.html.part", "x");
        TempFolders.Write(Inbox, "~d.txt", "x");
        TempFolders.Write(Inbox, "sub/~e.json", "x");

        Assert.Equal(["a.txt"], scanner.Scan(Inbox).Select(e => e.FileName));
    }

    [Fact]
    public void Scan_AllNames_IgnoresPatternsButNotHiddenFiles()
    {
        TempFolders.Write(Inbox, "notes.md", "x");
        TempFolders.Write(Inbox, ".partial", "x");

        Assert.Equal(["notes.md"], _scanner.Scan(Inbox, allNames: true).Select(e => e.FileName));
    }

    [Fact]
    public void Scan_LinkToFileOutsideInbox_ClassifiedOutsideWithTarget()
    {
        var outside = TempFolders.Write(_folders.Root, "secret.txt", "secret");
        File.CreateSymbolicLink(Path.Combine(Inbox, "link.txt"), outside);

        var entry = Assert.Single(_scanner.Scan(Inbox));

        Assert.Equal(InboxEntryKind.LinkOutside, entry.Kind);
        Assert.Equal(outside, entry.LinkTarget);
    }

    [Fact]
    public void Scan_DanglingLink_ClassifiedOutside()
    {
        File.CreateSymbolicLink(Path.Combine(Inbox, "gone.txt"), Path.Combine(_folders.Root, "missing.txt"));

        Assert.Equal(InboxEntryKind.LinkOutside, Assert.Single(_scanner.Scan(Inbox)).Kind);
    }

    [Fact]
    public void Scan_RelativeLinkToFileInsideInbox_ClassifiedInside()
    {
        TempFolders.Write(Inbox, "real.txt", "x");
        File.CreateSymbolicLink(Path.Combine(Inbox, "alias.txt"), "real.txt");

        var entries = _scanner.Scan(Inbox).ToDictionary(e => e.FileName);

        Assert.Equal(InboxEntryKind.File, entries["real.txt"].Kind);
        Assert.Equal(InboxEntryKind.LinkInside, entries["alias.txt"].Kind);
    }

    [Fact]
    public void Scan_LinkedFolder_ReportedAndNotDescended()
    {
        var outside = Path.Combine(_folders.Root, "elsewhere");
        TempFolders.Write(outside, "inside-elsewhere.txt", "x");
        Directory.CreateSymbolicLink(Path.Combine(Inbox, "linked"), outside);

        var entry = Assert.Single(_scanner.Scan(Inbox));

        Assert.Equal("linked", entry.FileName);
        Assert.Equal(InboxEntryKind.LinkedFolder, entry.Kind);
    }

    [Fact]
    public void Scan_NameNotValidUtf8_DoesNotThrowAndTheOtherFilesAreListed()
    {
        TempFolders.Write(Inbox, "ok.txt", "x");
        OddNames.WriteLatin1Name(Inbox);

        var entries = _scanner.Scan(Inbox).ToList();

        Assert.Contains(entries, e => e is { FileName: "ok.txt", Kind: InboxEntryKind.File });
    }

    [Fact]
    public void Scan_FileVanishesBetweenListingAndItsSize_SkippedWithoutThrowing()
    {
        for (var i = 0; i < 20; i++)
            TempFolders.Write(Inbox, $"f{i:D2}.txt", "x");

        // The folder is read in blocks: the names after the first are listed before any of them is looked at.
        var seen = new List<string>();
        using (var entries = _scanner.Scan(Inbox).GetEnumerator())
        {
            Assert.True(entries.MoveNext());
            seen.Add(entries.Current.FileName);
            foreach (var file in Directory.GetFiles(Inbox).Where(f => Path.GetFileName(f) != entries.Current.FileName))
                File.Delete(file);
            while (entries.MoveNext())
                seen.Add(entries.Current.FileName);
        }

        Assert.Single(seen);
    }

    public void Dispose() => _folders.Dispose();
}
