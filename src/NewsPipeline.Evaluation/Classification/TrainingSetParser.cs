using System.Text;
using System.Text.Json;

namespace NewsPipeline.Evaluation.Classification;

/// <summary>Column (CSV) or field (JSON Lines) names of a labelled data set.</summary>
public sealed record LabelledColumns(string Label = "label", string Title = "title", string Text = "text");

/// <summary>
/// Reads labelled rows from CSV (header row, RFC 4180 quoting, fields may span lines) or JSON Lines. Works on a
/// reader the caller opened, so it stays free of file I/O. Title or text may be absent, not both.
/// </summary>
public static class TrainingSetParser
{
    public static IReadOnlyList<LabelledText> Parse(TextReader reader, bool jsonLines, LabelledColumns? columns = null, bool cleanAgArtefacts = true, bool stripSourceTags = true)
    {
        columns ??= new LabelledColumns();
        var rows = jsonLines ? ParseJsonLines(reader, columns) : ParseCsv(reader, columns);
        if (rows.Count == 0) throw new InvalidDataException("the data set has no rows");
        return cleanAgArtefacts
            ? rows.Select(r => r with { Title = AgNewsCleanup.Clean(r.Title, stripSourceTags), Text = AgNewsCleanup.Clean(r.Text, stripSourceTags) }).ToArray()
            : rows;
    }

    private static List<LabelledText> ParseCsv(TextReader reader, LabelledColumns columns)
    {
        var header = ReadRecord(reader) ?? throw new InvalidDataException("the data set is empty (no header row)");
        header = header.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        int Find(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var label = Find(columns.Label);
        var title = Find(columns.Title);
        var text = Find(columns.Text);
        if (label < 0) throw new InvalidDataException($"missing label column '{columns.Label}' (header: {string.Join(",", header)})");
        if (title < 0 && text < 0) throw new InvalidDataException($"missing text columns: neither '{columns.Title}' nor '{columns.Text}' (header: {string.Join(",", header)})");
        var rows = new List<LabelledText>();
        var line = 1;
        while (ReadRecord(reader) is { } record)
        {
            line++;
            if (record is [""]) continue;
            if (record.Count != header.Count) throw new InvalidDataException($"record {line} has {record.Count} fields, the header has {header.Count}");
            rows.Add(new LabelledText(record[label].Trim(), title >= 0 ? record[title] : "", text >= 0 ? record[text] : ""));
        }
        return rows;
    }

    /// <summary>One CSV record, or null at the end of input.</summary>
    private static List<string>? ReadRecord(TextReader reader)
    {
        var c = reader.Read();
        if (c < 0) return null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0) throw new InvalidDataException("unterminated quoted field at the end of the data");
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or -1)
            {
                fields.Add(field.ToString());
                return fields;
            }
            else if (c == '\r')
            {
                if (reader.Peek() == '\n') reader.Read();
                fields.Add(field.ToString());
                return fields;
            }
            else
            {
                field.Append((char)c);
            }
            c = reader.Read();
        }
    }

    private static List<LabelledText> ParseJsonLines(TextReader reader, LabelledColumns columns)
    {
        var rows = new List<LabelledText>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"line {number} is not a JSON object");
                var label = Field(root, columns.Label) ?? throw new InvalidDataException($"line {number} has no '{columns.Label}' field");
                var title = Field(root, columns.Title);
                var text = Field(root, columns.Text);
                if (title is null && text is null) throw new InvalidDataException($"line {number} has neither '{columns.Title}' nor '{columns.Text}'");
                rows.Add(new LabelledText(label.Trim(), title ?? "", text ?? ""));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"line {number} is not valid JSON: {e.Message}", e);
            }
        }
        return rows;
    }

    private static string? Field(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            return property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                JsonValueKind.Array => string.Join(" ", property.Value.EnumerateArray().Select(e => e.ToString())),
                _ => null,
            };
        }
        return null;
    }
}
