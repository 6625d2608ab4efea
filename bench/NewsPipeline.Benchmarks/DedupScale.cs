using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Ports;
using NewsPipeline.Storage;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- dedup-scale &lt;articles&gt; [--rebuild]`:
/// fills one index single-threaded (candidates + decision per article, as the sink does) and reports decisions/s and per-decision latency percentiles over the last 10 %,
/// the managed heap and working set, and (with --rebuild) the time to rebuild the index from a SQLite store.
/// </summary>
internal static class DedupScale
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var rebuild = args.Contains("--rebuild");
        var articles = new SyntheticArticles(seed: 1);
        var index = new DuplicateIndex(new DedupOptions { MaxCount = count }, TimeProvider.System);
        var measureFrom = count - count / 10;
        var latencies = new long[count - measureFrom];
        var duplicates = 0;
        var withCandidates = 0;
        var total = Stopwatch.StartNew();
        var measured = new Stopwatch();
        for (var i = 0; i < count; i++)
        {
            var (id, file, fingerprint) = articles.Next();
            if (i == measureFrom)
                measured.Start();
            var started = Stopwatch.GetTimestamp();
            // The sink's index work: candidates for verification, then the decision (the body reads and the
            // verification itself happen only for articles with candidates; counted below).
            var candidates = index.Candidates(fingerprint);
            if (candidates.Count > 0)
                withCandidates++;
            var decision = index.DecideAndAdd(id, file, fingerprint);
            if (i >= measureFrom)
                latencies[i - measureFrom] = Stopwatch.GetTimestamp() - started;
            if (decision.IsDuplicate)
                duplicates++;
        }
        measured.Stop();
        total.Stop();
        Array.Sort(latencies);
        double Micro(double q) => latencies[(int)Math.Min(latencies.Length - 1, q * latencies.Length)] * 1e6 / Stopwatch.Frequency;

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            articles indexed      {index.Count:N0} ({duplicates:N0} decided duplicate, {withCandidates:N0} with candidates to check on the bodies)
            fill, all             {total.Elapsed.TotalSeconds:F1} s, {count / total.Elapsed.TotalSeconds:N0} decisions/s (includes generating signatures)
            last 10 %             {latencies.Length / measured.Elapsed.TotalSeconds:N0} decisions/s (query + insert, single thread, includes generating signatures)
            latency, last 10 %    p50 {Micro(0.5):F1} µs, p99 {Micro(0.99):F1} µs, p99.9 {Micro(0.999):F1} µs, max {Micro(1.0):F0} µs
            index arrays+tables   {index.ApproximateBytes / 1048576.0:N0} MiB ({index.ApproximateBytes / (double)index.Count:F0} B/article, file-name arena {index.FileNameBytes / 1048576.0:N0} MiB included)
            managed heap          {heap / 1048576.0:N0} MiB ({heap / (double)index.Count:F0} B/article)
            working set           {process.WorkingSet64 / 1048576.0:N0} MiB, peak {process.PeakWorkingSet64 / 1048576.0:N0} MiB
            """));
        GC.KeepAlive(index);
        if (rebuild)
            await RebuildAsync(count);
        return 0;
    }

    /// <summary>Stores <paramref name="count"/> synthetic articles in SQLite, then times LoadDedupEntriesAsync + Add.</summary>
    private static async Task RebuildAsync(int count)
    {
        var path = Path.Combine(Path.GetTempPath(), $"np-dedup-rebuild-{count}.db");
        var store = SqlArticleStore.Sqlite(path);
        await store.InitialiseAsync(default);
        var articles = new SyntheticArticles(seed: 2);
        var fill = Stopwatch.StartNew();
        var existing = 0;
        await foreach (var _ in store.LoadDedupEntriesAsync(0, default))
            existing++;
        for (var done = existing; done < count;)
        {
            var batch = new List<StoredArticle>(10_000);
            for (; batch.Count < 10_000 && done < count; done++)
            {
                var (id, file, fingerprint) = articles.Next();
                batch.Add(new StoredArticle(new ArticleProcessed
                {
                    ArticleId = id, FileName = file, Status = ArticleStatus.Processed, Title = "t", Body = "b",
                    Category = "World", StoryId = id, ReceivedAt = DateTimeOffset.UtcNow, ProcessedAt = DateTimeOffset.UtcNow,
                }, fingerprint));
            }
            await store.SaveManyAsync(batch, default);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store filled          {count:N0} rows in {fill.Elapsed.TotalSeconds:F0} s ({path}, {new FileInfo(path).Length / 1048576.0:N0} MiB)"));

        var index = new DuplicateIndex(new DedupOptions { MaxCount = count }, TimeProvider.System);
        var load = Stopwatch.StartNew();
        // What a start-up rebuild can do with the store's row count: no growth by doubling on the way.
        index.Reserve(count);
        var read = Stopwatch.StartNew();
        var entries = 0;
        await foreach (var entry in store.LoadDedupEntriesAsync(0, default))
        {
            index.Add(entry.Entry);
            entries++;
        }
        load.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild from SQLite    {entries:N0} entries in {load.Elapsed.TotalSeconds:F1} s ({entries / load.Elapsed.TotalSeconds:N0} entries/s), index holds {index.Count:N0}"));
    }
}
