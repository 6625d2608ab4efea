using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Storage.Tests;

/// <summary>The event log's guarantees, checked the same way against both stores.</summary>
internal static class EventLogContract
{
    private static readonly DateTimeOffset At = new(2024, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static ArticleRejected Rejection(string id) => new(id, id + ".bin", "normalise", "binary content", At, "claim-" + id);

    /// <summary>Stored and rejected outcomes come back in commit order, each once, with rising cursors; a cursor resumes after itself.</summary>
    public static async Task OutcomesLoggedOnceInOrderAsync(IArticleStore store)
    {
        var first = TestArticles.Record("a1", "a.txt") with { ClaimId = "c1" };
        var copy = TestArticles.Record("a1", "copy.txt", ArticleStatus.Duplicate) with { ClaimId = "c2", DuplicateOf = "a1", DuplicateOfFileName = "a.txt" };
        Assert.Equal(0, await store.LastCursorAsync(default));

        var firstCursor = await store.SaveAsync(first, default);
        var rejectedCursor = Assert.Single(await store.AppendRejectionsAsync([Rejection("b")], default));
        var copyCursor = await store.SaveAsync(copy, default);
        // Redeliveries: the same deliveries and the same rejection again, each with the cursor it was logged at.
        Assert.Equal(firstCursor, await store.SaveAsync(first with { Title = "changed" }, default));
        Assert.Equal([rejectedCursor], await store.AppendRejectionsAsync([Rejection("b")], default));
        Assert.Equal(firstCursor, (await store.FindAsync("a1", "a.txt", "c1", default))?.Cursor);

        var all = await store.ReadEventsAsync(0, 100, default);
        Assert.Equal([firstCursor, rejectedCursor, copyCursor], all.Select(e => e.Cursor));
        // Each event read back carries its cursor itself, as /events sends it.
        Assert.Equal(all.Select(e => (long?)e.Cursor), all.Select(e => e.Processed?.Cursor ?? e.Rejected!.Cursor));
        Assert.Equal(["ArticleProcessed a.txt", "ArticleRejected b.bin", "ArticleProcessed copy.txt"],
            all.Select(e => e.EventName + " " + (e.Processed?.FileName ?? e.Rejected!.FileName)));
        Assert.True(all[0].Cursor < all[1].Cursor && all[1].Cursor < all[2].Cursor, string.Join(", ", all.Select(e => e.Cursor)));
        Assert.Equal(first with { Authors = all[0].Processed!.Authors, Contributors = all[0].Processed!.Contributors, Cursor = firstCursor }, all[0].Processed);
        Assert.Equal(copy.DuplicateOfFileName, all[2].Processed!.DuplicateOfFileName);
        Assert.Equal(Rejection("b") with { Cursor = rejectedCursor }, all[1].Rejected);
        Assert.Equal(all[2].Cursor, await store.LastCursorAsync(default));

        var after = await store.ReadEventsAsync(all[0].Cursor, 100, default);
        Assert.Equal(all.Skip(1).Select(e => e.Cursor), after.Select(e => e.Cursor));
        Assert.Single(await store.ReadEventsAsync(0, 1, default));
        Assert.Empty(await store.ReadEventsAsync(all[2].Cursor, 100, default));
    }

    /// <summary>A removed article's processed events go with it (their content is gone); a rejection stays, and cursors are never reused.</summary>
    public static async Task RemovedArticleLeavesTheLogAsync(IArticleStore store)
    {
        await store.AppendRejectionsAsync([Rejection("b")], default);
        await store.SaveAsync(TestArticles.Record("a1", "a.txt"), default);
        var before = await store.LastCursorAsync(default);

        Assert.True(await store.DeleteAsync("a1", default));
        await store.SaveAsync(TestArticles.Record("a2", "b.txt"), default);

        var all = await store.ReadEventsAsync(0, 100, default);
        Assert.Equal(["b.bin", "b.txt"], all.Select(e => e.Processed?.FileName ?? e.Rejected!.FileName));
        Assert.True(all[1].Cursor > before, $"{all[1].Cursor} after {before}");
    }

    /// <summary>
    /// A database from before the log (here: the log and the migrations' journal dropped): its deliveries become the
    /// first events, in processing order.
    /// </summary>
    public static async Task OldDatabaseBackfilledAsync(IArticleStore store, Func<Task> dropLog, Func<IArticleStore> reopen)
    {
        var early = TestArticles.Record("a2", "early.txt") with { ProcessedAt = At.AddHours(-2) };
        await store.SaveAsync(TestArticles.Record("a1", "late.txt") with { ProcessedAt = At }, default);
        await store.SaveAsync(early, default);
        await dropLog();

        var reopened = reopen();
        await reopened.InitialiseAsync(default);
        await reopened.SaveAsync(TestArticles.Record("a3", "new.txt") with { ProcessedAt = At.AddHours(1) }, default);

        var all = await reopened.ReadEventsAsync(0, 100, default);
        Assert.Equal(["early.txt", "late.txt", "new.txt"], all.Select(e => e.Processed!.FileName));
        // Initialised again: nothing is backfilled twice.
        await reopen().InitialiseAsync(default);
        Assert.Equal(3, (await reopened.ReadEventsAsync(0, 100, default)).Count);
    }
}
