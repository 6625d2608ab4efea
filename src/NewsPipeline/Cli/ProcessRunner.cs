using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NewsPipeline.Contracts;
using NewsPipeline.Contracts.Events;
using NewsPipeline.Core.Normalisation.Boilerplate;
using NewsPipeline.Core.Pipeline;
using NewsPipeline.Core.Ports;
using NewsPipeline.Processing;
using NewsPipeline.Sink;
using NewsPipeline.Watcher;

namespace NewsPipeline.Cli;

/// <summary>
/// The `process` command's flow: files → <see cref="ArticleReceived"/> → the analyse step (in parallel, a chunk at a
/// time) → the record step (each chunk in ordinal path order, one transaction) → one output line per file, built from
/// the public events. The steps are the ones the worker and sink consumers run, resolved from the same registrations.
/// </summary>
internal sealed class ProcessRunner(
    AnalyseStep analyse, ArticleRecorder recorder, IOptions<WatcherOptions> watcher, DeferredBoilerplateStore boilerplate, TimeProvider time)
{
    private const int ChunkSize = 128;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Summary(int Files, int Processed, int Duplicates, int Rejected, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Files} files: {Processed} processed, {Duplicates} duplicate, {Rejected} rejected in {Elapsed.TotalSeconds:F1} s ({Files / Math.Max(Elapsed.TotalSeconds, 1e-9):F0} files/s)";
    }

    /// <summary>A file after the analyse step: exactly one of the two is set.</summary>
    private sealed record Analysed(ArticleAnalysed? Article, ArticleRejected? Rejected, string? ArticleId);

    public async Task<Summary> RunAsync(string folder, string outputPath, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var root = Path.GetFullPath(folder);
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Select(path => (Path: path, Name: Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        await using var output = new StreamWriter(outputPath, false, new UTF8Encoding(false), 1 << 16);
        int processed = 0, duplicates = 0, rejected = 0, done = 0;
        var lastReport = Stopwatch.StartNew();

        // Analysis of the next chunk overlaps the recording of the current one.
        var next = AnalyseChunkAsync(files, 0, root, cancellationToken);
        for (var offset = 0; offset < files.Length; offset += ChunkSize)
        {
            var chunk = await next;
            // What this chunk learned is seen by the next one, never by its own members: repeatable in any thread order.
            boilerplate.Apply();
            next = offset + ChunkSize < files.Length ? AnalyseChunkAsync(files, offset + ChunkSize, root, cancellationToken) : null!;
            foreach (var line in await RecordAsync(chunk, cancellationToken))
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

    private Task<Analysed[]> AnalyseChunkAsync((string Path, string Name)[] files, int offset, string root, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var count = Math.Min(ChunkSize, files.Length - offset);
            var results = new Analysed[count];
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var (path, name) = files[offset + i];
                var (received, error) = Read(path, name, root);
                if (received is null)
                {
                    results[i] = new Analysed(null, Reject(name, error!), null);
                    return;
                }
                var outcome = analyse.Analyse(received);
                results[i] = new Analysed(outcome.Analysed, outcome.Rejected, received.ArticleId);
            });
            return results;
        }, cancellationToken);

    /// <summary>The file as the watcher would announce it, or why it cannot be: the same rules, and reasons, as the watcher's.</summary>
    private (ArticleReceived? Received, string? Error) Read(string path, string name, string root)
    {
        var max = watcher.Value.MaxFileBytes;
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } link && !(info.ResolveLinkTarget(true) is { } target
                    && Path.GetFullPath(target.FullName).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                return (null, FileAnnouncer.LinkReason(link));
            if (info.Length > max)
                return (null, FileAnnouncer.OverCapReason(info.Length, max));
            var content = File.ReadAllBytes(path);
            return content.Length > max
                ? (null, FileAnnouncer.OverCapReason(content.Length, max))
                : (new ArticleReceived(ContentId.Of(content), name, content, time.GetUtcNow()), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read the file: {e.Message}");
        }
    }

    private ArticleRejected Reject(string name, string reason) => new(ContentId.Of(Encoding.UTF8.GetBytes($"unreadable:{name}")), name, Stages.Watcher, reason, time.GetUtcNow());

    /// <summary>The chunk's articles go through the record step in path order; every file gets the line of its event.</summary>
    private async Task<ProcessOutputLine[]> RecordAsync(Analysed[] chunk, CancellationToken cancellationToken)
    {
        var articles = chunk.Where(item => item.Article is not null).Select(item => item.Article!).ToArray();
        var outcomes = await recorder.RecordAsync(articles, cancellationToken);
        var lines = new ProcessOutputLine[chunk.Length];
        for (int i = 0, a = 0; i < chunk.Length; i++)
            lines[i] = chunk[i].Article is not null ? ProcessOutputLine.From(outcomes[a++].Event) : ProcessOutputLine.From(chunk[i].Rejected!, chunk[i].ArticleId);
        return lines;
    }
}
