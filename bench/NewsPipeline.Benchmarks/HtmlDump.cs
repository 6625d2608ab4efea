using System.IO.Compression;
using System.Text.Json;
using NewsPipeline.Core.Normalisation.Html;

namespace NewsPipeline.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project bench/NewsPipeline.Benchmarks -- html-dump OUT DIR...`: the whole
/// <c>NormalisedArticle</c> (or the rejection reason) of every HTML page under the folders (<c>.gz</c> pages unpacked),
/// one JSON line per page in ordinal path order. Two builds' dumps compared with cmp prove a refactoring of the HTML
/// normaliser changed no field of any page: the normaliser alone, without a store, and the .gz pages as they are
/// (`process` reads no .gz; scripts/compare-process.sh checks the whole pipeline).
/// </summary>
internal static class HtmlDump
{
    public static int Run(string[] args)
    {
        if (args.Length < 3 || args.Skip(2).Any(dir => !Directory.Exists(dir)))
        {
            Console.Error.WriteLine("usage: html-dump OUT DIR...");
            return 2;
        }
        var normaliser = new HtmlArticleNormaliser();
        var pages = 0;
        using var output = new StreamWriter(args[1]);
        foreach (var dir in args.Skip(2))
            foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var content = path.EndsWith(".gz", StringComparison.Ordinal) ? Gunzip(path) : File.ReadAllBytes(path);
                var result = normaliser.Normalise(content);
                // Article and Error only: the rest of the result is how it is typed, not what a page gives.
                output.WriteLine(JsonSerializer.Serialize(new { file = Path.GetRelativePath(dir, path), article = result.Article, error = result.Error }));
                pages++;
            }
        Console.Error.WriteLine($"{pages} pages dumped to {args[1]}");
        return 0;
    }

    private static byte[] Gunzip(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return copy.ToArray();
    }
}
