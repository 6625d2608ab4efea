using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPipeline.Hosting;
using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Pipeline;
using NewsPipeline.Core.Ports;
using NewsPipeline.Processing;
using NewsPipeline.Sink;
using NewsPipeline.Storage;

namespace NewsPipeline.Cli;

/// <summary>
/// The `process` command: the worker's stages run in parallel, then the sink's duplicate decision and persistence run
/// one file at a time in ordinal path order, so two runs over the same folder give the same answer.
/// </summary>
internal sealed class OneShotProcessor(ArticleAnalyser analyser, long maxFileBytes, TextWriter progress, TimeProvider time, DedupOptions? dedup = null)
{
    private const int ChunkSize = 128;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Summary(int Files, int Processed, int Duplicates, int Rejected, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Files} files: {Processed} processed, {Duplicates} duplicate, {Rejected} rejected in {Elapsed.TotalSeconds:F1} s ({Files / Math.Max(Elapsed.TotalSeconds, 1e-9):F0} files/s)";
    }

    public static OneShotProcessor FromConfiguration(TextWriter progress)
    {
        var configuration = AppConfiguration.Load();
        var classifier = configuration.GetSection(ClassifierOptions.Section).Get<ClassifierOptions>() ?? new ClassifierOptions();
        if (!File.Exists(classifier.ResolvedModelPath))
            throw new IOException($"topic model not found at '{classifier.ResolvedModelPath}' (Classifier:ModelPath)");
        var maxBytes = configuration.GetValue<long?>("Watcher:MaxFileBytes") ?? 5 * 1024 * 1024;
        TopicModel model;
        try
        {
            model = ProcessingExtensions.LoadModel(classifier.ResolvedModelPath);
        }
        catch (InvalidDataException e)
        {
            throw new IOException($"Classifier:ModelPath: not a usable topic model: {e.Message}", e);
        }
        var analyser = new ArticleAnalyser(new ArticleNormaliser(), new Fingerprinter(), model, classifier.MinConfidence);
        var dedup = configuration.GetSection(DedupOptions.Section).Get<DedupOptions>() ?? new DedupOptions();
        if (dedup.Validate().FirstOrDefault() is { } problem)
            throw new IOException(problem);
        return new OneShotProcessor(analyser, maxBytes, progress, TimeProvider.System, dedup);
    }

    public async Task<Summary> RunAsync(string folder, string outputPath, string? dbPath, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var root = Path.GetFullPath(folder);
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Select(path => (Path: path, Name: Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();

        var temporaryDb = dbPath is null ? Path.Combine(Path.GetTempPath(), $"newspipeline-{Guid.NewGuid():N}.db") : null;
        var store = new SqliteArticleStore(dbPath ?? temporaryDb!);
        try
        {
            await store.InitialiseAsync(cancellationToken);
            var recorder = new ArticleRecorder(store, new DuplicateIndex(dedup ?? new DedupOptions(), time), NullLogger<ArticleRecorder>.Instance);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
            await using var output = new StreamWriter(outputPath, false, new UTF8Encoding(false), 1 << 16);
            int processed = 0, duplicates = 0, rejected = 0, done = 0;
            var lastReport = Stopwatch.StartNew();

            // Analysis of the next chunk overlaps the sequential decisions of the current one.
            var next = AnalyseChunkAsync(files, 0, root, cancellationToken);
            for (var offset = 0; offset < files.Length; offset += ChunkSize)
            {
                var chunk = await next;
                next = offset + ChunkSize < files.Length ? AnalyseChunkAsync(files, offset + ChunkSize, root, cancellationToken) : null!;
                foreach (var line in await DecideAsync(chunk, recorder, cancellationToken))
                {
                    switch (line.Status)
                    {
                        case ArticleStatus.Processed: processed++; break;
                        case ArticleStatus.Duplicate: duplicates++; break;
                        default: rejected++; break;
                    }
                    await output.WriteLineAsync(JsonSerializer.Serialize(line, Json));
                    done++;
                }
                if (lastReport.Elapsed > TimeSpan.FromSeconds(1))
                {
                    await progress.WriteLineAsync($"{done}/{files.Length} files ({done / started.Elapsed.TotalSeconds:F0}/s)");
                    lastReport.Restart();
                }
            }
            return new Summary(files.Length, processed, duplicates, rejected, started.Elapsed);
        }
        finally
        {
            if (temporaryDb is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(temporaryDb + suffix);
            }
        }
    }

    private sealed record Analysed(string FileName, string? ArticleId, AnalysisResult? Result, string? Error);

    private Task<Analysed[]> AnalyseChunkAsync((string Path, string Name)[] files, int offset, string root, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var count = Math.Min(ChunkSize, files.Length - offset);
            var results = new Analysed[count];
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var (path, name) = files[offset + i];
                results[i] = Analyse(path, name, root);
            });
            return results;
        }, cancellationToken);

    private Analysed Analyse(string path, string name, string root)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(true) is { } target
                && !Path.GetFullPath(target.FullName).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return new Analysed(name, null, null, "symbolic link to a file outside the folder: not followed");
            if (info.Length > maxFileBytes)
                return new Analysed(name, null, null, $"file is {info.Length:N0} bytes, over the {maxFileBytes:N0}-byte cap (Watcher:MaxFileBytes)");
            var content = File.ReadAllBytes(path);
            return new Analysed(name, ContentId.Of(content), analyser.Analyse(name, content), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Analysed(name, null, null, $"cannot read the file: {e.Message}");
        }
    }

    /// <summary>The chunk's articles are decided in path order and stored in one transaction.</summary>
    private async Task<ProcessOutputLine[]> DecideAsync(Analysed[] chunk, ArticleRecorder recorder, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var articles = chunk.Where(item => item.Result is { IsSuccess: true }).ToArray();
        var outcomes = await recorder.RecordManyAsync(articles.Select(item => Candidate(item, now)).ToArray(), cancellationToken);
        var decided = new Dictionary<Analysed, ArticleRecord>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < articles.Length; i++)
            decided[articles[i]] = outcomes[i].Record;
        return chunk.Select(item => decided.TryGetValue(item, out var record)
            ? Line(item, record)
            : new ProcessOutputLine { File = item.FileName, Status = ArticleStatus.Rejected, ArticleId = item.ArticleId, Reason = item.Error ?? item.Result?.Error }).ToArray();
    }

    private static ArticleRecord Candidate(Analysed item, DateTimeOffset now)
    {
        var (article, fingerprint, topic) = (item.Result!.Article!, item.Result.Fingerprint!, item.Result.Topic!);
        return new ArticleRecord
        {
            ArticleId = item.ArticleId!,
            FileName = item.FileName,
            Status = ArticleStatus.Processed,
            Title = article.Title,
            Body = article.Body,
            Byline = article.Byline,
            Authors = article.Authors,
            Source = article.Source,
            Contributors = article.Contributors,
            Url = article.Url,
            Published = article.Published,
            Language = article.Language,
            WordCount = article.WordCount,
            Category = topic.Category,
            Confidence = topic.Confidence,
            RunnerUp = topic.RunnerUp,
            RunnerUpConfidence = topic.RunnerUpConfidence,
            StoryId = item.ArticleId!,
            BodyHash = fingerprint.BodyHash,
            Signature = fingerprint.Signature,
            ReceivedAt = now,
            ProcessedAt = now,
        };
    }

    private static ProcessOutputLine Line(Analysed item, ArticleRecord record)
    {
        return new ProcessOutputLine
        {
            File = item.FileName,
            Status = record.Status,
            ArticleId = record.ArticleId,
            Title = record.Title,
            Body = record.Body,
            Byline = record.Byline,
            Authors = record.Authors,
            Source = record.Source,
            Contributors = record.Contributors,
            Url = record.Url,
            Published = record.Published,
            Language = record.Language,
            WordCount = record.WordCount,
            Category = record.Category,
            Confidence = record.Confidence,
            RunnerUp = record.RunnerUp,
            RunnerUpConfidence = record.RunnerUpConfidence,
            DuplicateOf = record.DuplicateOfFileName,
            StoryId = record.StoryId,
            Similarity = record.Similarity,
            MatchMethod = record.MatchMethod,
        };
    }
}
