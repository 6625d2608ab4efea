using NewsPipeline.Core.Deduplication;

namespace NewsPipeline.Core.Tests.Deduplication;

public sealed class NameArenaTests
{
    private static string Name(int n) => $"inbox/2026-11-25/Zürich-東京-{n:D8}-🙂.txt";

    [Fact]
    public void Get_NonAsciiEmptyAndOversizedNames_ReadBackExactly()
    {
        var arena = new NameArena();
        string[] names = ["Zürich–Nachrichten_東京_🙂.txt", "", "plain.txt", new string('é', NameArena.ChunkSize), "Ελληνικά.md"];

        var stored = names.Select(arena.Add).ToArray();

        Assert.Equal(names, stored.Select(s => arena.Get(s.Position, s.Length)));
        Assert.Equal(2 * NameArena.ChunkSize, stored[3].Length);
    }

    [Fact]
    public void Release_OutOfOrder_OtherNamesStayIntact()
    {
        var arena = new NameArena();
        var stored = Enumerable.Range(0, 10_000).Select(n => arena.Add(Name(n))).ToArray();

        for (var n = 0; n < stored.Length; n += 2)
            arena.Release(stored[n].Position);

        for (var n = 1; n < stored.Length; n += 2)
            Assert.Equal(Name(n), arena.Get(stored[n].Position, stored[n].Length));
    }

    [Fact]
    public void Release_SlidingWindowLikeTheRing_ReusesChunksAndKeepsLiveNames()
    {
        const int window = 5_000;
        var arena = new NameArena();
        var stored = new (uint Position, int Length)[200_000];
        for (var n = 0; n < stored.Length; n++)
        {
            if (n >= window)
                arena.Release(stored[n - window].Position);
            stored[n] = arena.Add(Name(n));
        }

        for (var n = stored.Length - window; n < stored.Length; n++)
            Assert.Equal(Name(n), arena.Get(stored[n].Position, stored[n].Length));
        // 200,000 names of ~40 bytes (8 MB) went through; the window holds ~200 KB, so only a few chunks remain.
        var windowChunks = window * stored[^1].Length / NameArena.ChunkSize + 2;
        Assert.InRange(arena.ChunkCount, 1, windowChunks);
        Assert.Equal((long)arena.ChunkCount * NameArena.ChunkSize, arena.Bytes);
    }

    [Fact]
    public void Release_EveryName_LeavesOnlyTheChunkBeingFilled()
    {
        var arena = new NameArena();
        var stored = Enumerable.Range(0, 10_000).Select(n => arena.Add(Name(n))).ToArray();
        Assert.True(arena.ChunkCount > 1);

        foreach (var (position, _) in stored)
            arena.Release(position);

        Assert.Equal(1, arena.ChunkCount);
        var again = arena.Add("after.txt");
        Assert.Equal("after.txt", arena.Get(again.Position, again.Length));
    }
}
