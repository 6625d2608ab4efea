using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Sink;

/// <summary>
/// The pipeline's single serialisation point: decides "is this a copy of something stored?" and persists the
/// outcome, one article at a time, so two near-copies processed at once are never both stored as originals.
/// Idempotent: a redelivery of (ArticleId, FileName) returns the stored outcome unchanged.
/// </summary>
public sealed class ArticleRecorder(IArticleStore store, IDuplicateIndex index, ILogger<ArticleRecorder> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _loaded;

    /// <param name="candidate">The analysed article with Status/StoryId not yet decided.</param>
    /// <returns>The stored outcome and whether it was already stored before this call.</returns>
    public async Task<(ArticleRecord Record, bool Redelivered)> RecordAsync(ArticleRecord candidate, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureIndexLoadedAsync(cancellationToken);
            if (await store.FindAsync(candidate.ArticleId, candidate.FileName, cancellationToken) is { } stored)
                return (stored, true);

            if (await store.FindArticleAsync(candidate.ArticleId, cancellationToken) is { } same)
            {
                var again = SameContentAgain(candidate, same);
                await store.SaveAsync(again, cancellationToken);
                return (again, false);
            }
            var record = await WithFirstMemberFileAsync(Decide(candidate), cancellationToken);
            try
            {
                await store.SaveAsync(record, cancellationToken);
            }
            catch
            {
                // The index must only hold what the store holds: the retry decides this article again.
                index.Remove(candidate.ArticleId);
                throw;
            }
            return (record, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes an article from the store and the index; its copies keep their story.</summary>
    public async Task<bool> RemoveAsync(string articleId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureIndexLoadedAsync(cancellationToken);
            var stored = await store.DeleteAsync(articleId, cancellationToken);
            var indexed = index.Remove(articleId);
            logger.LogInformation("Removed article {ArticleId} (stored: {WasStored}, indexed: {WasIndexed})", articleId, stored, indexed);
            return stored || indexed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The index forgets a story's first member when it leaves the window; its file name is then read from the store.
    /// </summary>
    private async Task<ArticleRecord> WithFirstMemberFileAsync(ArticleRecord record, CancellationToken cancellationToken)
    {
        if (record.DuplicateOf is not { } first || record.DuplicateOfFileName is not null)
            return record;
        var head = await store.FindArticleAsync(first, cancellationToken);
        return record with { DuplicateOfFileName = head?.FileName };
    }

    private ArticleRecord Decide(ArticleRecord candidate)
    {
        var decision = index.DecideAndAdd(candidate.ArticleId, candidate.FileName, new Fingerprint(candidate.BodyHash, candidate.Signature));
        return candidate with
        {
            Status = decision.IsDuplicate ? ArticleStatus.Duplicate : ArticleStatus.Processed,
            DuplicateOf = decision.DuplicateOf,
            DuplicateOfFileName = decision.DuplicateOfFileName,
            StoryId = decision.StoryId,
            Similarity = decision.Similarity,
            MatchMethod = decision.MatchMethod,
        };
    }

    /// <summary>The same bytes under another file name: one article row, and this file's own "duplicate" outcome.</summary>
    private static ArticleRecord SameContentAgain(ArticleRecord candidate, ArticleRecord stored) => stored with
    {
        FileName = candidate.FileName,
        Status = ArticleStatus.Duplicate,
        DuplicateOf = stored.DuplicateOf ?? stored.ArticleId,
        DuplicateOfFileName = stored.DuplicateOfFileName ?? stored.FileName,
        Similarity = 1.0,
        MatchMethod = "exact",
        ReceivedAt = candidate.ReceivedAt,
        ProcessedAt = candidate.ProcessedAt,
    };

    private async Task EnsureIndexLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
            return;
        var started = TimeProvider.System.GetTimestamp();
        await foreach (var entry in store.LoadDedupEntriesAsync(cancellationToken))
            index.Add(entry);
        _loaded = true;
        logger.LogInformation("Duplicate index loaded with {IndexedArticles} articles in {ElapsedMs} ms",
            index.Count, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }
}
