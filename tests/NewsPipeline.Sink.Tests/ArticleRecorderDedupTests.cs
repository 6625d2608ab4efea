using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NewsPipeline.Storage;

namespace NewsPipeline.Sink.Tests;

/// <summary>The recorder's duplicate decisions with the real index and a real SQLite store.</summary>
public sealed class ArticleRecorderDedupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("np-sink-dedup-").FullName;
    private readonly Fingerprinter _fingerprinter = new();

    private const string Story = """
        The city council voted on Tuesday to approve a new budget that raises spending on public transport by twelve percent, after a debate that lasted more than six hours.
        Supporters said the money would pay for longer bus routes, new night services and the repair of two tram lines that have been closed since the spring floods.
        Opponents argued that the plan relies on a property tax increase that will hit small businesses hardest, and several members said they would try to amend it next month.
        The mayor welcomed the vote and said the first new routes could open before the end of the year, provided the regional government releases its share of the funding.
        """;

    private const string Appended = Story + "\nAdditional reporting by Jane Doe; editing by John Roe.";

    private async Task<(ArticleRecorder Recorder, SqlArticleStore Store)> OpenAsync(DedupOptions? options = null)
    {
        var store = SqlArticleStore.Sqlite(Path.Combine(_dir, "sink.db"));
        await store.InitialiseAsync(default);
        options ??= new DedupOptions();
        var index = new DuplicateIndex(options, TimeProvider.System);
        return (ArticleRecorderTests.Recorder(store, index, Options.Create(options)), store);
    }

    private ArticleAnalysed Candidate(int n, string file, string body) =>
        ArticleRecorderTests.Candidate(n.ToString("x64", CultureInfo.InvariantCulture), file, body, _fingerprinter);

    [Fact]
    public async Task RecordAsync_NearCopy_IsNearDuplicateOfTheFirstFile()
    {
        var (recorder, _) = await OpenAsync();
        await recorder.RecordOneAsync(Candidate(1, "a.txt", Story), default);

        var (copy, _) = await recorder.RecordOneAsync(Candidate(2, "b.txt", Appended), default);

        Assert.Equal(ArticleStatus.Duplicate, copy.Status);
        Assert.Equal("near", copy.MatchMethod);
        Assert.Equal(1.ToString("x64", CultureInfo.InvariantCulture), copy.DuplicateOf);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
        Assert.Equal(1.ToString("x64", CultureInfo.InvariantCulture), copy.StoryId);
        Assert.InRange(copy.Similarity!.Value, 0.5, 1.0);
    }

    /// <summary>Two words changed in every sentence: the signatures fall under both thresholds, the sentences do not.</summary>
    private static readonly string Syndicated = Story
        .Replace("voted on Tuesday", "voted Tuesday", StringComparison.Ordinal)
        .Replace("public transport", "public transit", StringComparison.Ordinal)
        .Replace("would pay for", "will pay for", StringComparison.Ordinal)
        .Replace("spring floods", "spring flooding", StringComparison.Ordinal)
        .Replace("argued that", "said that", StringComparison.Ordinal)
        .Replace("hit small", "hurt small", StringComparison.Ordinal)
        .Replace("mayor welcomed", "mayor praised", StringComparison.Ordinal)
        .Replace("releases its share", "pays its share", StringComparison.Ordinal)
        + "\nAdditional reporting by Jane Doe; editing by John Roe.";

    [Fact]
    public async Task RecordAsync_SyndicatedCopyUnderTheThresholds_IsVerifiedOnTheBodiesAndStoredWithItsSignal()
    {
        var (recorder, store) = await OpenAsync();
        await recorder.RecordOneAsync(Candidate(1, "a.txt", Story), default);

        var (copy, _) = await recorder.RecordOneAsync(Candidate(2, "b.txt", Syndicated), default);

        Assert.Equal(ArticleStatus.Duplicate, copy.Status);
        Assert.Equal("contained", copy.MatchMethod);
        Assert.Equal("sentences", copy.MatchSignal);
        Assert.Equal(1.0, copy.Similarity);
        Assert.Equal(1.ToString("x64", CultureInfo.InvariantCulture), copy.StoryId);
        var stored = await store.FindArticleAsync(2.ToString("x64", CultureInfo.InvariantCulture), default);
        Assert.Equal(("contained", "sentences"), (stored!.MatchMethod, stored.MatchSignal));
    }

    [Fact]
    public async Task RecordAsync_SyndicatedCopyWithVerificationOff_IsAnOriginal()
    {
        var (recorder, _) = await OpenAsync(new DedupOptions { Verify = false });
        await recorder.RecordOneAsync(Candidate(1, "a.txt", Story), default);

        var (copy, _) = await recorder.RecordOneAsync(Candidate(2, "b.txt", Syndicated), default);

        Assert.Equal(ArticleStatus.Processed, copy.Status);
    }

    [Fact]
    public async Task RecordAsync_TemplatedItemWithOtherFigures_IsNotLinkedThoughItsTextMatches()
    {
        var (recorder, _) = await OpenAsync();
        await recorder.RecordOneAsync(Candidate(1, "a.txt", Story), default);
        var templated = Story.Replace("twelve percent", "nine percent", StringComparison.Ordinal)
            .Replace("six hours", "four hours", StringComparison.Ordinal)
            .Replace("two tram lines", "three tram lines", StringComparison.Ordinal);

        var (copy, _) = await recorder.RecordOneAsync(Candidate(2, "b.txt", templated), default);

        Assert.Equal(ArticleStatus.Processed, copy.Status);
    }

    [Fact]
    public async Task RecordAsync_AfterRestart_IndexRebuiltFromTheStore()
    {
        var (first, _) = await OpenAsync();
        await first.RecordOneAsync(Candidate(1, "a.txt", Story), default);
        SqliteConnection.ClearAllPools();

        var (restarted, _) = await OpenAsync();
        var (copy, _) = await restarted.RecordOneAsync(Candidate(2, "b.txt", Appended), default);

        Assert.Equal(ArticleStatus.Duplicate, copy.Status);
        Assert.Equal("a.txt", copy.DuplicateOfFileName);
    }

    [Fact]
    public async Task RecordAsync_FirstMemberLeftTheWindowAfterRestart_StillNamesTheFirstFile()
    {
        var options = new DedupOptions { MaxCount = 3 };
        var (recorder, _) = await OpenAsync(options);
        await recorder.RecordOneAsync(Candidate(1, "first.txt", Story), default);
        await recorder.RecordOneAsync(Candidate(2, "copy.txt", Appended), default);
        SqliteConnection.ClearAllPools();

        // A window of 3: the fourth article pushes the first member out, the copy keeps the story and its first file.
        var (restarted, _) = await OpenAsync(options);
        await restarted.RecordOneAsync(Candidate(3, "other.txt", "A different story about a football coach who leaves his club after eleven years."), default);
        var (late, _) = await restarted.RecordOneAsync(Candidate(4, "late.txt", Appended + " More."), default);

        Assert.Equal(1.ToString("x64", CultureInfo.InvariantCulture), late.DuplicateOf);
        Assert.Equal("first.txt", late.DuplicateOfFileName);
    }

    [Fact]
    public async Task RemoveAsync_StoredArticle_GoneFromStoreAndIndex()
    {
        var (recorder, store) = await OpenAsync();
        await recorder.RecordOneAsync(Candidate(1, "a.txt", Story), default);

        Assert.True(await recorder.RemoveAsync(1.ToString("x64", CultureInfo.InvariantCulture), default));

        Assert.Null(await store.FindArticleAsync(1.ToString("x64", CultureInfo.InvariantCulture), default));
        var (again, _) = await recorder.RecordOneAsync(Candidate(2, "b.txt", Story), default);
        Assert.Equal(ArticleStatus.Processed, again.Status);
        Assert.False(await recorder.RemoveAsync(1.ToString("x64", CultureInfo.InvariantCulture), default));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
