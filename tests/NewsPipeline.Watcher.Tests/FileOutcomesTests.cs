using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPipeline.Contracts.Events;

namespace NewsPipeline.Watcher.Tests;

public sealed class FileOutcomesTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 6, 31, 2, TimeSpan.Zero);
    private readonly TempFolders _folders = new();
    private readonly InFlightFiles _inFlight = new();
    private readonly FileOutcomes _outcomes;

    public FileOutcomesTests() => _outcomes = new FileOutcomes(_folders.Paths, _inFlight, TimeProvider.System, NullLogger<FileOutcomes>.Instance);

    private string Processing => _folders.Paths.Processing;
    private string Done => _folders.Paths.Done;
    private string Failed => _folders.Paths.Failed;

    [Fact]
    public async Task MoveToDoneAsync_ClaimedFile_MovesKeepingItsRelativePath()
    {
        TempFolders.Write(Processing, "sub/a.txt", "content");
        _inFlight.Add("sub/a.txt", "id-a");

        var target = await _outcomes.MoveToDoneAsync("id-a", "sub/a.txt", default);

        Assert.Equal(Path.Combine(Done, "sub", "a.txt"), target);
        Assert.Equal("content", File.ReadAllText(target!));
        Assert.False(File.Exists(Path.Combine(Processing, "sub", "a.txt")));
        Assert.Null(_inFlight.ArticleIdOf("sub/a.txt"));
    }

    [Fact]
    public async Task MoveToDoneAsync_FileChangedAfterItsClaim_NotMovedAndAnnouncedAgain()
    {
        var path = TempFolders.Write(Processing, "grown.txt", "first half");
        var claim = ClaimRecord.New(Path.GetFileName(path), new FileInfo(path), At);
        claim.Write(path);
        _inFlight.Add("grown.txt", "id-half", DateTimeOffset.UtcNow, claim.ClaimId);
        File.AppendAllText(path, " and the rest, written later");

        var target = await _outcomes.MoveToDoneAsync("id-half", "grown.txt", default, claim.ClaimId);

        Assert.Null(target);
        Assert.True(File.Exists(path));
        Assert.Contains(_inFlight.Overdue(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10)).Due, o => o.FileName == "grown.txt");
    }

    [Fact]
    public async Task MoveToDoneAsync_OutcomeOfAnEarlierClaim_IgnoredAndTheFileWaitsForItsOwn()
    {
        var path = TempFolders.Write(Processing, "again.txt", "content");
        var claim = ClaimRecord.New(Path.GetFileName(path), new FileInfo(path), At);
        claim.Write(path);
        _inFlight.Add("again.txt", "id-a", DateTimeOffset.UtcNow, claim.ClaimId);

        Assert.Null(await _outcomes.MoveToDoneAsync("id-a", "again.txt", default, "an-earlier-claim"));
        Assert.True(File.Exists(path));

        Assert.NotNull(await _outcomes.MoveToDoneAsync("id-a", "again.txt", default, claim.ClaimId));
        Assert.False(File.Exists(ClaimRecord.PathFor(path)));
    }

    [Fact]
    public async Task MoveToFailedAsync_Rejected_FileAndCamelCaseReasonFile()
    {
        TempFolders.Write(Processing, "bad/empty.txt", "");

        await _outcomes.MoveToFailedAsync(new ArticleRejected("id-e", "bad/empty.txt", "normalise", "empty file", At), default);

        Assert.True(File.Exists(Path.Combine(Failed, "bad", "empty.txt")));
        using var reason = JsonDocument.Parse(File.ReadAllText(Path.Combine(Failed, "bad", "empty.txt.error.json")));
        var root = reason.RootElement;
        Assert.Equal("id-e", root.GetProperty("articleId").GetString());
        Assert.Equal("bad/empty.txt", root.GetProperty("fileName").GetString());
        Assert.Equal("normalise", root.GetProperty("stage").GetString());
        Assert.Equal("empty file", root.GetProperty("reason").GetString());
        Assert.Equal(At, root.GetProperty("time").GetDateTimeOffset());
        Assert.Empty(Directory.EnumerateFiles(Failed, ".*", SearchOption.AllDirectories)); // no temp file left behind
    }

    [Fact]
    public async Task MoveToDoneAsync_Redelivered_SecondIsANoOp()
    {
        TempFolders.Write(Processing, "a.txt", "content");
        await _outcomes.MoveToDoneAsync("id-a", "a.txt", default);

        var again = await _outcomes.MoveToDoneAsync("id-a", "a.txt", default);

        Assert.Null(again);
        Assert.Equal(["a.txt"], Directory.EnumerateFiles(Done).Select(Path.GetFileName));
    }

    [Fact]
    public async Task MoveToFailedAsync_Redelivered_KeepsOneFileAndOneReason()
    {
        TempFolders.Write(Processing, "a.txt", "content");
        var rejected = new ArticleRejected("id-a", "a.txt", "watcher", "too big", At);
        await _outcomes.MoveToFailedAsync(rejected, default);

        Assert.Null(await _outcomes.MoveToFailedAsync(rejected, default));

        Assert.Equal(["a.txt", "a.txt.error.json"], Directory.EnumerateFiles(Failed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MoveToDoneAsync_NameAlreadyInDone_PicksAUniqueNameAndKeepsTheEarlierFile()
    {
        TempFolders.Write(Done, "a.txt", "earlier");
        TempFolders.Write(Done, "a (2).txt", "earlier too");
        TempFolders.Write(Processing, "a.txt", "later");

        var target = await _outcomes.MoveToDoneAsync("id-later", "a.txt", default);

        Assert.Equal(Path.Combine(Done, "a (3).txt"), target);
        Assert.Equal("later", File.ReadAllText(target!));
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(Done, "a.txt")));
    }

    [Fact]
    public async Task MoveToFailedAsync_NameAlreadyInFailed_ReasonFileFollowsTheUniqueName()
    {
        TempFolders.Write(Failed, "a.txt", "earlier");
        TempFolders.Write(Failed, "a.txt.error.json", "{}");
        TempFolders.Write(Processing, "a.txt", "later");

        await _outcomes.MoveToFailedAsync(new ArticleRejected("id-later", "a.txt", "watcher", "too big", At), default);

        Assert.Equal("{}", File.ReadAllText(Path.Combine(Failed, "a.txt.error.json")));
        using var reason = JsonDocument.Parse(File.ReadAllText(Path.Combine(Failed, "a (2).txt.error.json")));
        Assert.Equal("id-later", reason.RootElement.GetProperty("articleId").GetString());
        Assert.Equal("later", File.ReadAllText(Path.Combine(Failed, "a (2).txt")));
    }

    [Fact]
    public async Task MoveToDoneAsync_StaleEventForANameNowHeldByAnotherFile_LeavesThatFile()
    {
        TempFolders.Write(Processing, "a.txt", "second file");
        _inFlight.Add("a.txt", "id-second");

        var target = await _outcomes.MoveToDoneAsync("id-first", "a.txt", default);

        Assert.Null(target);
        Assert.True(File.Exists(Path.Combine(Processing, "a.txt")));
        Assert.Equal("id-second", _inFlight.ArticleIdOf("a.txt"));
    }

    [Fact]
    public async Task MoveToDoneAsync_FileNameLeavingTheFolders_Ignored()
    {
        var outside = TempFolders.Write(_folders.Root, "outside.txt", "keep me");

        Assert.Null(await _outcomes.MoveToDoneAsync("id", "../../outside.txt", default));
        Assert.Null(await _outcomes.MoveToDoneAsync("id", outside, default));

        Assert.True(File.Exists(outside));
    }

    [Fact]
    public async Task MoveToDoneAsync_NameReleased_RaisesReleased()
    {
        TempFolders.Write(Processing, "a.txt", "content");
        var released = 0;
        _inFlight.Released += () => released++;

        await _outcomes.MoveToDoneAsync("id-a", "a.txt", default);

        Assert.Equal(1, released);
    }

    [Theory]
    [InlineData(240, "é")] // 118 two-byte letters: bytes count, not characters
    [InlineData(252, "x")]
    public async Task Moves_LongNameDroppedTwice_BothReachDoneAndFailedWithReasonsUnder255Bytes(int bytes, string letter)
    {
        var stem = string.Concat(Enumerable.Repeat(letter, (bytes - 4) / System.Text.Encoding.UTF8.GetByteCount(letter)));
        var name = stem + ".txt";
        Assert.Equal(bytes, System.Text.Encoding.UTF8.GetByteCount(name));

        for (var drop = 1; drop <= 2; drop++)
        {
            TempFolders.Write(Processing, name, $"done {drop}");
            Assert.NotNull(await _outcomes.MoveToDoneAsync($"id-done-{drop}", name, default));
            TempFolders.Write(Processing, name, $"failed {drop}");
            Assert.NotNull(await _outcomes.MoveToFailedAsync(new ArticleRejected($"id-failed-{drop}", name, "normalise", "no article text", At), default));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Processing));
        var done = Directory.GetFiles(Done).Select(Path.GetFileName).ToList();
        Assert.Equal(2, done.Count);
        Assert.All(done, n => Assert.EndsWith(".txt", n));
        var failed = Directory.GetFiles(Failed).Select(f => Path.GetFileName(f)!).ToList();
        Assert.Equal(4, failed.Count);
        Assert.All(done.Concat(failed), n => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(n!), 1, 255));
        var reasons = failed.Where(n => n.EndsWith(FileOutcomes.ReasonSuffix, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reasons.Count);
        foreach (var reasonFile in reasons)
        {
            using var reason = JsonDocument.Parse(File.ReadAllText(Path.Combine(Failed, reasonFile)));
            Assert.Equal(name, reason.RootElement.GetProperty("fileName").GetString());
            Assert.Contains(reasonFile[..^FileOutcomes.ReasonSuffix.Length], failed);
        }
        Assert.Equal(["failed 1", "failed 2"], failed.Except(reasons).Select(n => File.ReadAllText(Path.Combine(Failed, n))).Order());
    }

    [SmallDiskFact]
    public async Task MoveToFailedAsync_FailedFolderOnAFullDisk_HeldWithoutBlamingTheSinkNoTempFilesLeftAndMovedOnceThereIsRoom()
    {
        using var disk = new SmallDisk(Failed, "64k");
        var filler = disk.Fill();
        TempFolders.Write(Processing, "a.txt", "rejected");
        TempFolders.Write(Processing, "b.txt", "processed");
        _inFlight.Add("a.txt", "id-a");
        _inFlight.Add("b.txt", "id-b");

        Assert.Null(await _outcomes.MoveToFailedAsync(new ArticleRejected("id-a", "a.txt", "normalise", "no article text", At), default));
        Assert.NotNull(await _outcomes.MoveToDoneAsync("id-b", "b.txt", default));

        Assert.True(File.Exists(Path.Combine(Processing, "a.txt")));
        Assert.Equal(["filler"], Directory.EnumerateFileSystemEntries(Failed).Select(Path.GetFileName)); // no temp file left behind
        Assert.Equal(1, _outcomes.HeldCount);
        // Its outcome is here: not announced again, and nothing is held back as if the sink were down.
        var (due, held) = _inFlight.Overdue(DateTimeOffset.UtcNow + TimeSpan.FromDays(1), TimeSpan.FromMinutes(10));
        Assert.Empty(due);
        Assert.Equal(0, held);
        var health = await new InboxHealthCheck(_folders.Paths, minFreeBytes: 0).CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, health.Status);
        Assert.Contains("failed folder", health.Description);

        File.Delete(filler);
        await Eventually.UntilAsync(() => _outcomes.RetryDueAsync(default).Result > 0, () => $"{_outcomes.HeldCount} held");

        Assert.Equal("rejected", File.ReadAllText(Path.Combine(Failed, "a.txt")));
        Assert.True(File.Exists(Path.Combine(Failed, "a.txt" + FileOutcomes.ReasonSuffix)));
        Assert.Equal(0, _inFlight.Count);
    }

    public void Dispose() => _folders.Dispose();
}
