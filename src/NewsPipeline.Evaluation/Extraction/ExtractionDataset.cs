using System.IO.Compression;
using System.Text.Json;

namespace NewsPipeline.Evaluation.Extraction;

/// <summary>One page of an extraction dataset, its bytes already in memory (decompressed) so timing measures extraction only.</summary>
public sealed record ExtractionCase(
    string File,
    string FileName,
    byte[] Content,
    string? GoldText,
    IReadOnlyList<string>? With,
    IReadOnlyList<string>? Without,
    string? GoldTitle,
    string? Group = null,
    MetadataGold? Metadata = null);

/// <summary>
/// Reads a dataset folder: <c>gold.jsonl</c>, one row per page naming an <c>html_file</c> or <c>txt_file</c> (relative to
/// the folder, optionally gzip-compressed) with a <c>gold_text</c> or <c>with</c>/<c>without</c> snippets and an
/// optional <c>title</c>; metadata rows (metadata-dev) add <c>authors</c>, <c>published</c> (with
/// <c>published_precision</c>), <c>site_name</c>, <c>language</c> and the <c>source</c> they come from.
/// </summary>
public static class ExtractionDataset
{
    public static IReadOnlyList<ExtractionCase> Load(string folder)
    {
        var goldPath = Path.Combine(folder, "gold.jsonl");
        if (!File.Exists(goldPath))
            throw new FileNotFoundException($"no gold.jsonl in '{folder}'", goldPath);
        var cases = new List<ExtractionCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(goldPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var row = JsonDocument.Parse(line);
            var root = row.RootElement;
            var file = String(root, "html_file") ?? String(root, "txt_file")
                ?? throw new InvalidDataException($"gold.jsonl line {lineNumber}: neither html_file nor txt_file");
            var path = Path.Combine(folder, file);
            var content = File.ReadAllBytes(path);
            var fileName = Path.GetFileName(file);
            if (fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                content = Gunzip(content);
                fileName = fileName[..^3];
            }
            cases.Add(new ExtractionCase(file, fileName, content, String(root, "gold_text"),
                Strings(root, "with"), Strings(root, "without"), NonEmpty(String(root, "title")),
                String(root, "source"), Metadata(root)));
        }
        return cases;
    }

    private static MetadataGold? Metadata(JsonElement root)
    {
        var gold = new MetadataGold(
            Strings(root, "authors") is { Length: > 0 } names ? names : null,
            NonEmpty(String(root, "published")),
            String(root, "published_precision") == "datetime",
            NonEmpty(String(root, "site_name")),
            NonEmpty(String(root, "language")));
        return gold.IsEmpty ? null : gold;
    }

    private static byte[] Gunzip(byte[] content)
    {
        using var input = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[]? Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
