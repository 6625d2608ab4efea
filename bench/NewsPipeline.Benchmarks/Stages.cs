using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Core.Classification;
using NewsPipeline.Core.Deduplication;
using NewsPipeline.Core.Normalisation;
using NewsPipeline.Core.Pipeline;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- stages DIR [passes]`: the analyse stages alone
/// (normalise → fingerprint → classify, <see cref="ArticleAnalyser"/>) over every file of DIR, read into memory first,
/// on all cores as `process` runs them, after one warm-up pass. No files, store, bus or output: what the stages cost
/// on this corpus, so a whole-pipeline figure can be read against it (scripts/bench.sh prints it as the stages'
/// ceiling). Prints one line: files/s (median of the passes), CPU ms per file, cores used.
/// </summary>
internal static class Stages
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || !Directory.Exists(args[1]))
        {
            Console.Error.WriteLine("usage: stages DIR [passes]");
            return 2;
        }
        var passes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var files = Directory.EnumerateFiles(args[1], "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(path => (Name: Path.GetFileName(path), Content: File.ReadAllBytes(path))).ToArray();
        using var model = File.OpenRead(Path.Combine(ClassifierBenchmarks.RepositoryRoot(), "src", "NewsPipeline", "Models", "topic-model.bin"));
        var analyser = new ArticleAnalyser(new ArticleNormaliser(), new Fingerprinter(), TopicModel.Load(model));

        Pass(analyser, files); // warm-up: JIT, caches
        var rates = new List<double>();
        var cpu = new List<double>();
        var cores = new List<double>();
        var self = Process.GetCurrentProcess();
        for (var pass = 0; pass < passes; pass++)
        {
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var failed = Pass(analyser, files);
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            self.Refresh();
            var cpuSeconds = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
            rates.Add(files.Length / wall);
            cpu.Add(cpuSeconds * 1000 / files.Length);
            cores.Add(cpuSeconds / wall);
            if (pass == 0 && failed > 0)
                Console.Error.WriteLine($"{failed} of {files.Length} files were rejected by the stages (counted all the same)");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stages: {Median(rates):F1} files/s (median of {passes}), {Median(cpu):F3} cpu ms/file, {Median(cores):F2} cores, {files.Length} files, {Environment.ProcessorCount} cores available"));
        return 0;
    }

    private static int Pass(ArticleAnalyser analyser, (string Name, byte[] Content)[] files)
    {
        var failed = 0;
        Parallel.For(0, files.Length, i =>
        {
            if (analyser.Analyse(files[i].Name, files[i].Content).Article is null)
                Interlocked.Increment(ref failed);
        });
        return failed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
