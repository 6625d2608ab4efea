using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NewsPipeline.FaultTests;

/// <summary>
/// What one run left behind, counted from the folders, the store, the subscriber's events and the health samples; and
/// the verdict with its table row (docs/reliability.md explains each column).
/// </summary>
internal sealed record RunCounts(
    int In, int Done, int Failed, int Stuck, int Lost, int Rows, string Articles, int DuplicateRows, int Contradictions,
    int? Events, int? DuplicateEvents, int? WithoutEvent, long? ErrorQueue, double? Drain, double? To503, string Restarts)
{
    public static async Task<RunCounts> CountAsync(FaultRun run)
    {
        var done = FaultRun.Files(run.Done).ToHashSet();
        var failed = FaultRun.Files(run.Failed).ToHashSet();
        var left = FaultRun.Files(run.Inbox).Concat(FaultRun.Files(run.Processing)).ToHashSet();
        var (rows, articles) = await StoreAsync(run);
        var stored = rows.ToHashSet();
        var contradictions = failed.Count(stored.Contains) + done.Count(f => !stored.Contains(f));

        int? events = null, duplicateEvents = null, withoutEvent = null;
        long? errorQueue = null;
        if (!run.Embedded)
        {
            var kinds = new Dictionary<(string? File, string? Claim), List<string?>>();
            var parsed = 0;
            foreach (var line in run.Events)
            {
                JsonElement e;
                try
                {
                    e = JsonDocument.Parse(line).RootElement;
                }
                catch (JsonException)
                {
                    continue; // a log line, not an event
                }
                parsed++;
                var key = (Text(e, "fileName"), Text(e, "claimId"));
                if (!kinds.TryGetValue(key, out var list))
                    kinds[key] = list = [];
                list.Add(Text(e, "event"));
            }
            var byFile = kinds.GroupBy(k => k.Key.File).ToDictionary(g => g.Key ?? "", g => g.SelectMany(k => k.Value).ToHashSet());
            contradictions += byFile.Values.Count(k => k.Count > 1);
            events = parsed;
            duplicateEvents = parsed - kinds.Count;
            withoutEvent = done.Concat(failed).Count(f => !byFile.ContainsKey(f));
            errorQueue = (await run.Broker.QueuesAsync(run.VirtualHost)).Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)).Sum(q => q.Messages);
        }

        double? to503 = null;
        if (run.ReadyOf.Count > 0 && run.FaultAt is { } faultAt)
        {
            var firsts = run.ReadyOf.Select(role => run.Health.Where(h => h.Role == role && h.At >= faultAt && h.Code != 200).Select(h => (double?)(h.At - faultAt)).FirstOrDefault()).ToList();
            to503 = firsts.Any(f => f is null) ? null : Math.Round(firsts.Max()!.Value, 1);
        }
        var restarts = string.Join(' ', run.Roles.Where(r => r.Restarts > 0).OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => $"{r.Name}×{r.Restarts}"));
        return new RunCounts(run.Total, done.Count, failed.Count, left.Count, run.Total - done.Count - failed.Count - left.Count,
            rows.Count, articles, rows.Count - stored.Count, contradictions, events, duplicateEvents, withoutEvent, errorQueue,
            run.DrainedAt is { } drained ? Math.Round(drained - run.RepairedAt!.Value, 1) : null, to503, restarts.Length > 0 ? restarts : "none");
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The file name of every delivery row (duplicates kept: they are counted) and the number of article rows.</summary>
    private static async Task<(List<string> Rows, string Articles)> StoreAsync(FaultRun run)
    {
        var rows = new List<string>();
        try
        {
            await using System.Data.Common.DbConnection connection = run.PostgresConnection is { } pg
                ? new NpgsqlConnection(pg)
                : new SqliteConnection($"Data Source={run.SqlitePath};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT file_name FROM deliveries";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    rows.Add(reader.GetString(0));
            }
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT COUNT(*) FROM articles";
                return (rows, Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "?");
            }
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException)
        {
            run.Note($"could not read the store: {e.Message}");
            return (rows, "?");
        }
    }

    /// <summary>Why the run failed; empty when it passed.</summary>
    public IReadOnlyList<string> Problems(FaultRun run, bool needs503)
    {
        var bad = new List<string>();
        if (Lost != 0) bad.Add("lost");
        if (Stuck != 0 || Drain is null) bad.Add($"stuck {run.Settings.Deadline.TotalSeconds:0} s after the repair");
        if (Failed != 0) bad.Add("failed");
        if (DuplicateRows != 0) bad.Add("duplicate rows");
        if (Contradictions != 0) bad.Add("contradictions");
        if (WithoutEvent is > 0) bad.Add("events missed");
        if (needs503 && To503 is null) bad.Add("never 503");
        // A full disk shows only once a write fails, and in run 1 the first write must first travel the whole pipeline
        // (files stable, announced, a worker batch analysed) from the drop: on a loaded machine that alone took 12 s.
        var limit = run.Scenario == "disk-full" ? 30 : 10;
        if (needs503 && To503 > limit) bad.Add($"503 later than {limit} s");
        return bad;
    }

    /// <summary>The run's row in the table docs/reliability.md keeps.</summary>
    public string Row(FaultRun run, string moment, bool needs503, IReadOnlyList<string> problems)
    {
        static string Show(object? v) => v switch
        {
            null => "–",
            double d => d.ToString("0.0", CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture)!,
        };
        object[] cells = [run.Scenario, run.Run, moment, In, Done, Failed, Stuck, Lost, $"{Rows}/{Articles}", DuplicateRows, Contradictions,
            Show(Events), Show(DuplicateEvents), Show(WithoutEvent), Show(ErrorQueue), Show(Drain), needs503 ? Show(To503) : "–", Restarts,
            problems.Count == 0 ? "ok" : "FAIL: " + string.Join(", ", problems)];
        return "| " + string.Join(" | ", cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture))) + " |";
    }
}
