using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Contracts;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Watcher.Tests;

public sealed class InboxWatcherTests : IDisposable
{
    private static readonly TimeSpan StableFor = TimeSpan.FromMilliseconds(500);
    private readonly TempFolders _folders = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeBus _bus = new();
    private readonly InFlightFiles _inFlight = new();
    private readonly InboxWatcher _watcher;

    public InboxWatcherTests()
    {
        var announcer = new FileAnnouncer(_folders.Paths, 1000, _inFlight, _bus.SendProvider, FakeBus.OutcomeQueue, _time, NullLogger<FileAnnouncer>.Instance);
        _watcher = new InboxWatcher(_folders.Paths, _folders.Options(), _inFlight, announcer, _time, NullLogger<InboxWatcher>.Instance, new WatcherMetrics(_inFlight, _time), new FileOutcomes(_folders.Paths, _inFlight, _time, NullLogger<FileOutcomes>.Instance));
    }

    private string Inbox => _folders.Paths.Inbox;
    private string Processing => _folders.Paths.Processing;

    /// <summary>Two scans one interval apart: what a stable file needs to be taken.</summary>
    private async Task<ScanResult> ScanTwiceAsync()
    {
        await _watcher.ScanAsync(default);
        _time.Advance(StableFor);
        return await _watcher.ScanAsync(default);
    }

    [Fact]
    public async Task ScanAsync_NewFile_ClaimedOnlyOnceStableThenSentToWorkerQueue()
    {
        TempFolders.Write(Inbox, "sub/a.txt", "Title\n\nBody");

        var first = await _watcher.ScanAsync(default);
        Assert.Equal(new ScanResult(0, 1), first);
        Assert.True(File.Exists(Path.Combine(Inbox, "sub", "a.txt")));
        Assert.Empty(_bus.Sent);

        _time.Advance(StableFor);
        var second = await _watcher.ScanAsync(default);

        Assert.Equal(new ScanResult(1, 0), second);
        Assert.False(File.Exists(Path.Combine(Inbox, "sub", "a.txt")));
        Assert.True(File.Exists(Path.Combine(Processing, "sub", "a.txt")));
        var sent = Assert.Single(_bus.Sent);
        Assert.Equal("sub/a.txt", sent.FileName);
        Assert.Equal(ContentId.Of(Encoding.UTF8.GetBytes("Title\n\nBody")), sent.ArticleId);
        Assert.Equal("Title\n\nBody", Encoding.UTF8.GetString(sent.Content));
        Assert.Equal(Endpoints.WorkerQueue, Assert.Single(_bus.SentTo));
        Assert.Equal(sent.ArticleId, _inFlight.ArticleIdOf("sub/a.txt"));
    }

    [Fact]
    public async Task ScanAsync_BacklogBeyondMaxInFlight_ClaimsOnlyWhatFits_TheRestOnceOutcomesCameBack()
    {
        var options = _folders.Options();
        options.MaxInFlight = 3;
        var announcer = new FileAnnouncer(_folders.Paths, 1000, _inFlight, _bus.SendProvider, FakeBus.OutcomeQueue, _time, NullLogger<FileAnnouncer>.Instance);
        var watcher = new InboxWatcher(_folders.Paths, options, _inFlight, announcer, _time, NullLogger<InboxWatcher>.Instance, new WatcherMetrics(_inFlight, _time), new FileOutcomes(_folders.Paths, _inFlight, _time, NullLogger<FileOutcomes>.Instance));
        for (var i = 0; i < 7; i++)
            TempFolders.Write(Inbox, $"f{i}.txt", $"Title {i}\n\nBody {i}");
        await watcher.ScanAsync(default);
        _time.Advance(StableFor);

        var first = await watcher.ScanAsync(default);
        var again = await watcher.ScanAsync(default); // nothing came back: nothing more is claimed
        Assert.Equal(3, first.Claimed);
        Assert.Equal(0, again.Claimed);
        Assert.Equal(3, _inFlight.Count);
        Assert.Equal(4, Directory.GetFiles(Inbox).Length);

        foreach (var sent in _bus.Sent.Take(2).ToList())
            _inFlight.Release(sent.FileName, _time.GetUtcNow());
        var refill = await watcher.ScanAsync(default);
        Assert.Equal(2, refill.Claimed);
        Assert.Equal(3, _inFlight.Count);

        foreach (var sent in _bus.Sent.ToList())
            _inFlight.Release(sent.FileName, _time.GetUtcNow());
        Assert.Equal(2, (await watcher.ScanAsync(default)).Claimed);
        Assert.Empty(Directory.GetFiles(Inbox));
        Assert.Equal(7, _bus.Sent.Select(m => m.FileName).Distinct().Count());
    }

    [Fact]
    public async Task ScanAsync_ManyFiles_SentInBatchesThatOverlapUpToTheWindowAndEachFileIsSentOnce()
    {
        var count = InboxWatcher.AnnounceWindow * 2 + 8;
        for (var i = 0; i < count; i++)
            TempFolders.Write(Inbox, $"f{i:D3}.txt", $"Title {i}\n\nBody {i}");
        await _watcher.ScanAsync(default);
        _time.Advance(StableFor);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bus.SendGate = gate.Task;

        var batchesPerWindow = InboxWatcher.AnnounceWindow / HopBatch.MaxArticles;
        var scan = _watcher.ScanAsync(default);
        await Eventually.UntilAsync(() => _bus.InFlight >= batchesPerWindow, () => $"{_bus.InFlight} sends waiting");
        var waitingAtOnce = _bus.InFlight;
        gate.SetResult();
        var result = await scan;

        Assert.Equal(batchesPerWindow, waitingAtOnce);
        Assert.Equal(batchesPerWindow, _bus.MaxInFlight);
        Assert.Equal(new ScanResult(count, 0), result);
        // Two full windows of full batches, then one batch of the 8 left.
        Assert.Equal([.. Enumerable.Repeat(HopBatch.MaxArticles, 2 * batchesPerWindow), 8], _bus.Batches.Select(b => b.Articles.Count).Order().Reverse());
        Assert.All(_bus.Batches, b => Assert.Equal(FakeBus.OutcomeQueue, b.OutcomeQueue));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"f{i:D3}.txt"), _bus.Sent.Select(m => m.FileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ScanAsync_OutcomeOverdue_AnnouncedAgainWithTheWaitDoubling()
    {
        var after = _folders.Options().ReannounceAfter;
        TempFolders.Write(Inbox, "lost.txt", "Title\n\nBody whose outcome never comes back");
        await ScanTwiceAsync();
        Assert.Single(_bus.Sent);

        _time.Advance(after - TimeSpan.FromSeconds(1));
        await _watcher.ScanAsync(default);
        var beforeDue = _bus.Sent.Count;
        _time.Advance(TimeSpan.FromSeconds(1));
        await _watcher.ScanAsync(default);
        var atDue = _bus.Sent.Count;
        _time.Advance(after); // the second wait is twice as long
        await _watcher.ScanAsync(default);
        var halfwayThroughSecondWait = _bus.Sent.Count;
        _time.Advance(after);
        await _watcher.ScanAsync(default);

        Assert.Equal(1, beforeDue);
        Assert.Equal(2, atDue);
        Assert.Equal(2, halfwayThroughSecondWait);
        Assert.Equal(3, _bus.Sent.Count);
        Assert.All(_bus.Sent, m => Assert.Equal("lost.txt", m.FileName));
        Assert.Single(_bus.Sent.Select(m => m.ArticleId).Distinct());
    }

    [Fact]
    public async Task ScanAsync_SeveralOverdueAndNothingComesBack_OneProbeAndNoBurstWhenTheSinkIsBack()
    {
        var after = _folders.Options().ReannounceAfter;
        foreach (var name in new[] { "a.txt", "b.txt", "c.txt" })
            TempFolders.Write(Inbox, name, $"Title {name}\n\nBody of {name}, waiting at a sink that is down");
        await ScanTwiceAsync();
        Assert.Equal(3, _bus.Sent.Count);

        _time.Advance(after * 3);
        await _watcher.ScanAsync(default);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _watcher.ScanAsync(default);
        var probes = _bus.Sent.Skip(3).Select(m => m.FileName).ToList();
        // The sink is back: the probe's outcome arrives; the two others wait a whole new period before any repeat.
        File.Move(Path.Combine(Processing, probes[0]), Path.Combine(_folders.Root, "probe-done.txt"));
        _inFlight.Release(probes[0], _time.GetUtcNow());
        _time.Advance(after - TimeSpan.FromSeconds(1));
        await _watcher.ScanAsync(default);

        Assert.Single(probes);
        Assert.Equal(4, _bus.Sent.Count);
    }

    [Fact]
    public async Task ScanAsync_OverdueWhileOtherFilesKeepGettingOutcomes_AnnouncedAgain()
    {
        var after = _folders.Options().ReannounceAfter;
        TempFolders.Write(Inbox, "lost1.txt", "Title one\n\nBody one whose outcome was lost");
        TempFolders.Write(Inbox, "lost2.txt", "Title two\n\nBody two whose outcome was lost");
        await ScanTwiceAsync();
        // An outcome every 30 s: the pipeline is answering, so the two that never come back are lost, not waiting.
        var step = TimeSpan.FromSeconds(30);
        var others = (int)(after / step);
        for (var i = 0; i < others; i++)
        {
            _time.Advance(step);
            TempFolders.Write(Inbox, $"later{i}.txt", $"Title later {i}\n\nBody of later file {i}, which came back");
            await ScanTwiceAsync();
            File.Move(Path.Combine(Processing, $"later{i}.txt"), Path.Combine(_folders.Root, $"later{i}-done.txt"));
            _inFlight.Release($"later{i}.txt", _time.GetUtcNow());
        }
        await _watcher.ScanAsync(default);

        Assert.Equal(2 + others + 2, _bus.Sent.Count);
        Assert.Equal(2, _bus.Sent.Count(m => m.FileName == "lost1.txt"));
        Assert.Equal(2, _bus.Sent.Count(m => m.FileName == "lost2.txt"));
    }

    [Fact]
    public async Task ScanAsync_OutcomeArrived_NotAnnouncedAgain()
    {
        TempFolders.Write(Inbox, "fine.txt", "Title\n\nBody");
        await ScanTwiceAsync();
        File.Move(Path.Combine(Processing, "fine.txt"), Path.Combine(_folders.Root, "fine-done.txt"));
        _inFlight.Release("fine.txt", _time.GetUtcNow());

        _time.Advance(TimeSpan.FromDays(1));
        await _watcher.ScanAsync(default);

        Assert.Single(_bus.Sent);
    }

    [Fact]
    public async Task ScanAsync_FileStillGrowing_NotClaimed()
    {
        var path = TempFolders.Write(Inbox, "growing.txt", "Title\n\n");
        await _watcher.ScanAsync(default);
        _time.Advance(StableFor);
        File.AppendAllText(path, "more text");

        var result = await _watcher.ScanAsync(default);

        Assert.Equal(new ScanResult(0, 1), result);
        Assert.True(File.Exists(path));
        Assert.Empty(_bus.Sent);
    }

    [Fact]
    public async Task ScanAsync_HiddenAndNonMatchingFiles_LeftAlone()
    {
        TempFolders.Write(Inbox, ".a.txt.tmp", "x");
        TempFolders.Write(Inbox, "image.png", "x");

        var result = await ScanTwiceAsync();

        Assert.Equal(new ScanResult(0, 0), result);
        Assert.True(File.Exists(Path.Combine(Inbox, ".a.txt.tmp")));
        Assert.True(File.Exists(Path.Combine(Inbox, "image.png")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Processing));
    }

    [Fact]
    public async Task RecoverAsync_FilesLeftInProcessing_AnnouncedAgainWhereTheyAre()
    {
        TempFolders.Write(Processing, "left-over.txt", "Left\n\nover");
        TempFolders.Write(Processing, "nested/other.json", "{}");

        var count = await _watcher.RecoverAsync(default);

        Assert.Equal(2, count);
        Assert.Equal(["left-over.txt", "nested/other.json"], _bus.Sent.Select(s => s.FileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(Processing, "left-over.txt")));
    }

    [Fact]
    public async Task ScanAsync_NameStillInProcessing_NewFileWaitsInInboxUntilReleased()
    {
        TempFolders.Write(Processing, "same.txt", "first");
        _inFlight.Add("same.txt", ContentId.Of(Encoding.UTF8.GetBytes("first")));
        TempFolders.Write(Inbox, "same.txt", "second");

        await ScanTwiceAsync();

        Assert.Equal("first", File.ReadAllText(Path.Combine(Processing, "same.txt")));
        Assert.Equal("second", File.ReadAllText(Path.Combine(Inbox, "same.txt")));
        Assert.Empty(_bus.Sent);

        File.Move(Path.Combine(Processing, "same.txt"), Path.Combine(_folders.Paths.Done, "same.txt"));
        await _watcher.ScanAsync(default);

        Assert.Equal("second", File.ReadAllText(Path.Combine(Processing, "same.txt")));
        Assert.Equal("same.txt", Assert.Single(_bus.Sent).FileName);
    }

    [Fact]
    public async Task ScanAsync_FileOverTheCap_RejectedAtWatcherNotSent()
    {
        var content = new string('a', 1001);
        TempFolders.Write(Inbox, "big.txt", content);

        await ScanTwiceAsync();

        Assert.Empty(_bus.Sent);
        var rejected = Assert.Single(_bus.Rejected);
        Assert.Equal("big.txt", rejected.FileName);
        Assert.Equal(Stages.Watcher, rejected.Stage);
        Assert.Contains("Watcher:MaxFileBytes", rejected.Reason);
        Assert.Equal(ContentId.Of(Encoding.UTF8.GetBytes(content)), rejected.ArticleId);
        Assert.True(File.Exists(Path.Combine(Processing, "big.txt")));
    }

    [Fact]
    public async Task ScanAsync_LinkToFileOutsideInbox_RejectedWithoutReadingTheTarget()
    {
        var secret = TempFolders.Write(_folders.Root, "secret.txt", "do not send");
        File.CreateSymbolicLink(Path.Combine(Inbox, "link.txt"), secret);

        await ScanTwiceAsync();

        Assert.Empty(_bus.Sent);
        var rejected = Assert.Single(_bus.Rejected);
        Assert.Equal("link.txt", rejected.FileName);
        Assert.Contains("not followed", rejected.Reason);
        Assert.NotNull(new FileInfo(Path.Combine(Processing, "link.txt")).LinkTarget);
        Assert.Equal("do not send", File.ReadAllText(secret));
    }

    [Fact]
    public async Task ScanAsync_LinkToFileInsideInbox_SkippedAndTargetTakenOnItsOwn()
    {
        TempFolders.Write(Inbox, "real.txt", "Real\n\ntext");
        File.CreateSymbolicLink(Path.Combine(Inbox, "alias.txt"), "real.txt");

        await ScanTwiceAsync();

        Assert.Equal("real.txt", Assert.Single(_bus.Sent).FileName);
        Assert.Empty(_bus.Rejected);
        Assert.NotNull(new FileInfo(Path.Combine(Inbox, "alias.txt")).LinkTarget);
    }

    [Fact]
    public async Task ScanAsync_SendFails_FileStaysInProcessingAndIsAnnouncedAtTheNextScan()
    {
        TempFolders.Write(Inbox, "a.txt", "Title\n\nBody");
        _bus.SendFailure = new InvalidOperationException("broker unreachable");

        await ScanTwiceAsync();
        Assert.True(File.Exists(Path.Combine(Processing, "a.txt")));
        Assert.Empty(_bus.Sent);

        _bus.SendFailure = null;
        await _watcher.ScanAsync(default);

        Assert.Equal("a.txt", Assert.Single(_bus.Sent).FileName);
    }

    [Fact]
    public async Task ScanAsync_Stopping_DoesNotClaim()
    {
        TempFolders.Write(Inbox, "a.txt", "x");
        await _watcher.ScanAsync(default);
        _time.Advance(StableFor);

        var result = await _watcher.ScanAsync(new CancellationToken(canceled: true));

        Assert.Equal(0, result.Claimed);
        Assert.True(File.Exists(Path.Combine(Inbox, "a.txt")));
    }

    [Fact]
    public async Task ScanAsync_NameNotValidUtf8_RenamedToAnEscapedNameAndAnnouncedWithTheOthers()
    {
        TempFolders.Write(Inbox, "ok.txt", "Ok\n\nA body.");
        OddNames.WriteLatin1Name(Inbox);

        for (var i = 0; i < 3; i++) // renamed at the first scan, then stable like any new name
        {
            await _watcher.ScanAsync(default);
            _time.Advance(StableFor);
        }

        Assert.Equal(["caf%E9.txt", "ok.txt"], _bus.Sent.Select(s => s.FileName).Order(StringComparer.Ordinal));
        Assert.Equal("Cafe\n\nA body about the cafe.", File.ReadAllText(Path.Combine(Processing, "caf%E9.txt")));
    }

    [Fact]
    public async Task ScanAsync_NameNotValidUtf8ThatNoPatternTakes_LeftAsItIs()
    {
        OddNames.Bash(Inbox, @"printf 'x' > $'caf\xe9.png'");

        await ScanTwiceAsync();

        Assert.Contains('\uFFFD', Path.GetFileName(Assert.Single(Directory.GetFiles(Inbox))));
        Assert.Empty(_bus.Sent);
    }

    [Fact]
    public async Task ScanAsync_NewlineInName_RenamedSoNoLogLineOrMessageCarriesIt()
    {
        TempFolders.Write(Inbox, "a\nINFO forged.txt", "Title\n\nBody");

        for (var i = 0; i < 3; i++)
        {
            await _watcher.ScanAsync(default);
            _time.Advance(StableFor);
        }

        Assert.Equal("a%0AINFO forged.txt", Assert.Single(_bus.Sent).FileName);
    }

    [Fact]
    public async Task ScanAsync_HardLinkToAFileOutsideTheInbox_RejectedWithoutReadingIt()
    {
        var secret = TempFolders.Write(_folders.Root, "secret.txt", "do not send");
        OddNames.Bash(Inbox, $"ln '{secret}' linked.txt");

        await ScanTwiceAsync();

        Assert.Empty(_bus.Sent);
        var rejected = Assert.Single(_bus.Rejected);
        Assert.Equal("linked.txt", rejected.FileName);
        Assert.Contains("hard link", rejected.Reason);
        Assert.Contains("Watcher:AllowHardLinks", rejected.Reason);
    }

    [SmallDiskFact]
    public async Task ScanAsync_FileOnAnotherFileSystemInsideTheInbox_NotTaken()
    {
        using var disk = new SmallDisk(Path.Combine(Inbox, "mounted"), "64k");
        TempFolders.Write(disk.Folder, "elsewhere.txt", "Elsewhere\n\nA file that a claim could only copy.");
        TempFolders.Write(Inbox, "here.txt", "Here\n\nA file on the inbox's own file system.");

        await ScanTwiceAsync();

        Assert.Equal("here.txt", Assert.Single(_bus.Sent).FileName);
        Assert.True(File.Exists(Path.Combine(disk.Folder, "elsewhere.txt")));
    }

    [Fact]
    public async Task ScanAsync_OutcomeCameBackButCouldNotBeWritten_NotAnnouncedAgainAndTheSinkIsNotTakenForDown()
    {
        var after = _folders.Options().ReannounceAfter;
        var outcomes = new FileOutcomes(_folders.Paths, _inFlight, _time, NullLogger<FileOutcomes>.Instance);
        var announcer = new FileAnnouncer(_folders.Paths, 1000, _inFlight, _bus.SendProvider, FakeBus.OutcomeQueue, _time, NullLogger<FileAnnouncer>.Instance);
        var watcher = new InboxWatcher(_folders.Paths, _folders.Options(), _inFlight, announcer, _time, NullLogger<InboxWatcher>.Instance, new WatcherMetrics(_inFlight, _time), outcomes);
        TempFolders.Write(Inbox, "blocked/held.txt", "Held\n\nIts outcome comes back, but done/blocked is a file");
        TempFolders.Write(Inbox, "lost.txt", "Lost\n\nIts outcome never comes back");
        TempFolders.Write(_folders.Paths.Done, "blocked", "in the way");
        await watcher.ScanAsync(default);
        _time.Advance(StableFor);
        await watcher.ScanAsync(default);
        Assert.Equal(2, _bus.Sent.Count);

        // The sink answers for held.txt shortly before lost.txt is overdue; the move fails on the watcher's side.
        _time.Advance(after - TimeSpan.FromSeconds(10));
        _inFlight.OutcomeArrived(_time.GetUtcNow());
        Assert.Null(await outcomes.MoveToDoneAsync(_inFlight.ArticleIdOf("blocked/held.txt")!, "blocked/held.txt", default));
        _time.Advance(TimeSpan.FromSeconds(10));
        await watcher.ScanAsync(default);

        Assert.Equal(["blocked/held.txt", "lost.txt", "lost.txt"], _bus.Sent.Select(s => s.FileName).Order(StringComparer.Ordinal));
        Assert.Equal(1, outcomes.HeldCount);

        File.Delete(Path.Combine(_folders.Paths.Done, "blocked"));
        _time.Advance(FileOutcomes.MaxRetryWait);
        await watcher.ScanAsync(default); // retries the held move first

        Assert.True(File.Exists(Path.Combine(_folders.Paths.Done, "blocked", "held.txt")));
        Assert.Equal(0, outcomes.HeldCount);
    }

    [Fact]
    public async Task ScanAsync_LinkToFileOutsideInbox_ReasonNamesNoAbsolutePath()
    {
        var secret = TempFolders.Write(_folders.Root, "secret.txt", "do not send");
        File.CreateSymbolicLink(Path.Combine(Inbox, "link.txt"), secret);

        await ScanTwiceAsync();

        var rejected = Assert.Single(_bus.Rejected);
        Assert.DoesNotContain(_folders.Root, rejected.Reason);
    }

    [Fact]
    public async Task ScanAsync_ClaimedFileDeletedFromProcessing_ProcessingGaugeBackToZero()
    {
        using var metrics = new WatcherMetrics(_inFlight, _time);
        TempFolders.Write(Inbox, "a.txt", "Title\n\nBody");
        TempFolders.Write(Inbox, "b.txt", "Title\n\nOther body");
        await ScanTwiceAsync();
        Assert.Equal(2, ProcessingGauge(metrics));

        // a.txt: deleted, and its outcome comes back; b.txt: deleted, and its outcome is lost.
        File.Delete(Path.Combine(Processing, "a.txt"));
        File.Delete(Path.Combine(Processing, "b.txt"));
        var outcomes = new FileOutcomes(_folders.Paths, _inFlight, _time, NullLogger<FileOutcomes>.Instance);
        await outcomes.MoveToDoneAsync(_inFlight.ArticleIdOf("a.txt")!, "a.txt", default, _inFlight.ClaimIdOf("a.txt")!);
        _time.Advance(_folders.Options().ReannounceAfter);
        await _watcher.ScanAsync(default);

        Assert.Equal(0, ProcessingGauge(metrics));
    }

    private static long ProcessingGauge(WatcherMetrics metrics)
    {
        long value = -1;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WatcherMetrics.MeterName && instrument.Name == "newspipeline.processing.files")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        GC.KeepAlive(metrics);
        return value;
    }

    [Fact]
    public async Task ScanAsync_WriterPausesLongerThanStableForWithTheFileOpen_NotClaimedUntilItIsClosed()
    {
        var path = Path.Combine(Inbox, "slow.txt");
        var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        await using (writer)
        {
            writer.Write("Slow\n\nfirst words"u8);
            writer.Flush();
            await ScanTwiceAsync();
            _time.Advance(StableFor * 4); // quiet for much longer than StableFor, but still open
            await _watcher.ScanAsync(default);
            Assert.Empty(_bus.Sent);
            Assert.True(File.Exists(path));

            writer.Write(" and the last words"u8);
        }
        await ScanTwiceAsync();

        Assert.Equal("Slow\n\nfirst words and the last words", Encoding.UTF8.GetString(Assert.Single(_bus.Sent).Content));
    }

    [Fact]
    public async Task ScanAsync_WriterPausesShorterThanStableFor_ClaimedWhole()
    {
        var path = TempFolders.Write(Inbox, "paced.txt", "Paced\n\none");
        await _watcher.ScanAsync(default);
        foreach (var word in new[] { " two", " three", " four" })
        {
            _time.Advance(StableFor / 2); // a poll between the appends sees the size change
            File.AppendAllText(path, word);
            await _watcher.ScanAsync(default);
            Assert.Empty(_bus.Sent);
        }
        await ScanTwiceAsync();

        Assert.Equal("Paced\n\none two three four", Encoding.UTF8.GetString(Assert.Single(_bus.Sent).Content));
    }

    public void Dispose() => _folders.Dispose();
}
