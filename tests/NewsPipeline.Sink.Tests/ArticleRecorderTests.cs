using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NewsPipeline.Storage;
using NSubstitute;

namespace NewsPipeline.Sink.Tests;

public sealed class ArticleRecorderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("np-sink-").FullName;
    private readonly Fingerprinter _fingerprinter = new();

    private async Task<(ArticleRecorder Recorder, SqlArticleStore Store)> OpenAsync()
    {
        var store = SqlArticleStore.Sqlite(Path.Combine(_dir, "sink.db"));
        await store.InitialiseAsync(default);
        return (Recorder(store, new DuplicateIndex(), Options.Create(new DedupOptions())), store);
    }

    /// <summary>A recorder with its required collaborators: a signal nobody waits on, metrics nobody reads.</summary>
    internal static ArticleRecorder Recorder(IArticleStore store, IDuplicateIndex index, IOptions<DedupOptions> options) =>
        new(store, index, options, TimeProvider.System, NullLogger<ArticleRecorder>.Instance, new EventLogSignal(), new SinkMetrics(index));

    internal static ArticleAnalysed Candidate(string id, string file, string body, IFingerprinter fingerprinter)
    {
        var fingerprint = fingerprinter.Compute(body);
        return new ArticleAnalysed
        {
            ArticleId = id,
            FileName = file,
            Title = "Title",
            Body = body,
            Category = "World",
            Confidence = 0.9,
            BodyHash = fingerprint.BodyHash,
            Signature = fingerprint.Signature,
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };
    }

    private const string Body = "Secretary of State Antony Blinken said on Friday that the United States did not encourage or enable Ukraine to strike inside Russia, speaking at a news conference in Prague.\n\nHe added that Ukraine makes its own decisions.";

    [Fact]
    public async Task RecordAsync_NewArticle_StoredAsOriginalStartingItsStory()
    {
        var (recorder, store) = await OpenAsync();

        var (record, redelivered) = await recorder.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter), default);

        Assert.False(redelivered);
        Assert.Equal(ArticleStatus.Processed, record.Status);
        Assert.Equal("a1", record.StoryId);
        Assert.Null(record.DuplicateOf);
        Assert.NotNull(await store.FindAsync("a1", "a.txt", "", default));
    }

    [Fact]
    public async Task RecordAsync_Redelivery_ReturnsStoredOutcomeWithoutSecondRow()
    {
        var (recorder, _) = await OpenAsync();
        var first = await recorder.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter), default);

        var again = await recorder.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter) with { Title = "Analysed again" }, default);

        Assert.True(again.Redelivered);
        Assert.Equal("Title", again.Record.Title);
        Assert.Equal(first.Record.ProcessedAt, again.Record.ProcessedAt);
        Assert.Equal(first.Record.Status, again.Record.Status);
        Assert.Equal(first.Record.StoryId, again.Record.StoryId);
        Assert.Equal(1L, Count("articles"));
        Assert.Equal(1L, Count("deliveries"));
    }

    [Fact]
    public async Task RecordAsync_SameContentUnderAnotherFile_IsExactDuplicateOfFirstFile()
    {
        var (recorder, _) = await OpenAsync();
        await recorder.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter), default);

        var (copy, _) = await recorder.RecordOneAsync(Candidate("a1", "later/b.txt", Body, _fingerprinter), default);

        Assert.Equal(ArticleStatus.Duplicate, copy.Status);
        Assert.Equal("a1", copy.DuplicateOf);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
        Assert.Equal("exact", copy.MatchMethod);
        Assert.Equal("a1", copy.StoryId);
        Assert.Equal(1L, Count("articles"));
        Assert.Equal(2L, Count("deliveries"));
    }

    [Fact]
    public async Task RecordAsync_SameBodyDifferentBytes_IsDuplicateInTheSameStory()
    {
        var (recorder, _) = await OpenAsync();
        await recorder.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter), default);

        var (copy, _) = await recorder.RecordOneAsync(Candidate("b2", "b.html", Body, _fingerprinter), default);

        Assert.Equal(ArticleStatus.Duplicate, copy.Status);
        Assert.Equal("a1", copy.DuplicateOf);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
        Assert.Equal("a1", copy.StoryId);
        Assert.Equal(2L, Count("articles"));
    }

    [Fact]
    public async Task RecordAsync_AfterRestart_IndexIsReloadedFromTheStore()
    {
        var (recorder, _) = await OpenAsync();
        await recorder.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter), default);

        var (restarted, _) = await OpenAsync();
        var (copy, _) = await restarted.RecordOneAsync(Candidate("b2", "b.txt", Body, _fingerprinter), default);

        Assert.Equal(ArticleStatus.Duplicate, copy.Status);
        Assert.Equal("a1", copy.DuplicateOf);
    }

    [Fact]
    public async Task RecordAsync_ConcurrentCopies_OnlyOneIsStoredAsOriginal()
    {
        var (recorder, _) = await OpenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => recorder.RecordOneAsync(Candidate($"id{i}", $"f{i}.txt", Body, _fingerprinter), default))));

        Assert.Single(results, r => r.Record.Status == ArticleStatus.Processed);
        Assert.Single(results.Select(r => r.Record.StoryId).Distinct());
    }

    [Fact]
    public async Task RecordManyAsync_CopiesInsideOneBatch_DecidedInOrderLikeSeparateMessages()
    {
        var (recorder, _) = await OpenAsync();

        var results = await recorder.RecordAsync([
            Candidate("a1", "a.txt", Body, _fingerprinter),
            Candidate("a1", "a.txt", Body, _fingerprinter),
            Candidate("a1", "copy.txt", Body, _fingerprinter),
            Candidate("b2", "b.txt", Body, _fingerprinter),
        ], default);

        Assert.Equal([ArticleStatus.Processed, ArticleStatus.Processed, ArticleStatus.Duplicate, ArticleStatus.Duplicate],
            results.Select(r => r.Event.Status));
        Assert.Equal([false, true, false, false], results.Select(r => r.Redelivered));
        Assert.Equal("a.txt", results[2].Event.DuplicateOfFileName);
        Assert.Equal("a1", results[3].Event.DuplicateOf);
        Assert.Equal(2L, Count("articles"));
        Assert.Equal(3L, Count("deliveries"));
    }

    [Fact]
    public async Task RecordManyAsync_StoreFails_DecisionsAreForgottenSoTheRetryDecidesAfresh()
    {
        var (_, store) = await OpenAsync();
        var failing = TestStores.Empty();
        failing.SaveManyAsync(default!, default).ReturnsForAnyArgs(Task.FromException<IReadOnlyList<long>>(new IOException("disk full")));
        var index = new DuplicateIndex();
        var recorder = Recorder(failing, index, Options.Create(new DedupOptions()));

        await Assert.ThrowsAsync<IOException>(() => recorder.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter), default));

        Assert.Equal(0, index.Count);
        var retried = Recorder(store, index, Options.Create(new DedupOptions()));
        var (record, _) = await retried.RecordOneAsync(Candidate("a1", "a.txt", Body, _fingerprinter), default);
        Assert.Equal(ArticleStatus.Processed, record.Status);
    }

    private long Count(string table)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "sink.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}

/// <summary>One article at a time, as most of these tests record them.</summary>
internal static class RecorderTestExtensions
{
    public static async Task<(ArticleProcessed Record, bool Redelivered)> RecordOneAsync(this ArticleRecorder recorder, ArticleAnalysed article, CancellationToken cancellationToken)
    {
        var outcome = (await recorder.RecordAsync([article], cancellationToken))[0];
        return (outcome.Event, outcome.Redelivered);
    }
}
