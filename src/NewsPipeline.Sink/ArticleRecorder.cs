using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;

namespace NewsPipeline.Sink;

/// <summary>
/// The pipeline's single serialisation point: decides "is this a copy of something stored?" and persists the
/// outcome, one batch at a time and in order, so two near-copies processed at once are never both stored as originals.
/// Idempotent: a redelivery of (ArticleId, FileName) returns the stored outcome unchanged.
/// </summary>
public sealed class ArticleRecorder(IArticleStore store, IDuplicateIndex index, ILogger<ArticleRecorder> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _loaded;

    /// <param name="candidate">The analysed article with Status/StoryId not yet decided.</param>
    /// <returns>The stored outcome and whether it was already stored before this call.</returns>
    public async Task<(ArticleRecord Record, bool Redelivered)> RecordAsync(ArticleRecord candidate, CancellationToken cancellationToken) =>
        (await RecordManyAsync([candidate], cancellationToken))[0];

    /// <summary>
    /// Decides the candidates in order and stores them in one transaction: a batch costs one commit instead of one per
    /// article. A later candidate sees the earlier ones of the same batch exactly as if they had been stored.
    /// </summary>
    public async Task<IReadOnlyList<(ArticleRecord Record, bool Redelivered)>> RecordManyAsync(
        IReadOnlyList<ArticleRecord> candidates, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var indexed = new List<string>();
        try
        {
            await EnsureIndexLoadedAsync(cancellationToken);
            var results = new (ArticleRecord, bool)[candidates.Count];
            var toSave = new List<ArticleRecord>(candidates.Count);
            var batchDeliveries = new Dictionary<(string, string), ArticleRecord>();
            var batchArticles = new Dictionary<string, ArticleRecord>(StringComparer.Ordinal);
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                var delivery = (candidate.ArticleId, candidate.FileName);
                var earlier = batchDeliveries.GetValueOrDefault(delivery)
                    ?? await store.FindAsync(candidate.ArticleId, candidate.FileName, cancellationToken);
                if (earlier is not null)
                {
                    results[i] = (earlier, true);
                    continue;
                }

                ArticleRecord record;
                var same = batchArticles.GetValueOrDefault(candidate.ArticleId)
                    ?? await store.FindArticleAsync(candidate.ArticleId, cancellationToken);
                if (same is not null)
                {
                    record = SameContentAgain(candidate, same);
                }
                else
                {
                    record = await WithFirstMemberFileAsync(Decide(candidate), cancellationToken);
                    indexed.Add(candidate.ArticleId);
                    batchArticles[candidate.ArticleId] = record;
                }
                batchDeliveries[delivery] = record;
                toSave.Add(record);
                results[i] = (record, false);
            }
            if (toSave.Count > 0)
                await store.SaveManyAsync(toSave, cancellationToken);
            return results;
        }
        catch
        {
            // Nothing of this batch was stored: forget its decisions, so the retry decides them afresh.
            foreach (var articleId in indexed)
                index.Remove(articleId);
            throw;
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
        // Sized once instead of growing by doubling: a 1 M-article rebuild went from 87 s to 29 s (bench dedup-scale --rebuild).
        index.Reserve(await store.CountArticlesAsync(cancellationToken));
        await foreach (var entry in store.LoadDedupEntriesAsync(cancellationToken))
            index.Add(entry);
        _loaded = true;
        logger.LogInformation("Duplicate index loaded with {IndexedArticles} articles in {ElapsedMs} ms",
            index.Count, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }
}
