using System.Globalization;

namespace NewsPipeline.FaultTests;

/// <summary>
/// Issue 21's nemesis, first version: seeded random faults of the kinds the suite already injects (kill -9, SIGTERM,
/// SIGSTOP then SIGCONT of a role, kill -9 of the broker) while files keep arriving in waves; after each wave a quiet
/// period (every file so far has its outcome) and the invariants are checked. The seed is printed; set
/// NEWSPIPELINE_NEMESIS_SEED to replay the same faults in the same order with the same pauses.
/// </summary>
internal sealed class Nemesis(FaultRun run, int seed)
{
    public const string SeedVariable = "NEWSPIPELINE_NEMESIS_SEED";
    private const int Waves = 3;
    private const int FaultsPerWave = 2;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(120);
    private readonly Random _random = new(seed);

    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next(1, int.MaxValue);

    /// <summary>The first wave is the run's own drop; each later wave adds a fifth of the files.</summary>
    public async Task RunAsync()
    {
        run.Note($"nemesis seed {seed} (replay: {SeedVariable}={seed})");
        for (var wave = 0; wave < Waves; wave++)
        {
            if (wave > 0)
            {
                var more = run.Settings.Files / 5;
                var staged = Path.Combine(run.Root, $"wave{wave}");
                Articles.Write(staged, more, run.Total);
                run.Total += more;
                Directory.Move(staged, Path.Combine(run.Inbox, $"wave{wave}"));
                run.Note($"wave {wave}: dropped {more} more files");
            }
            for (var f = 0; f < FaultsPerWave; f++)
            {
                // A moment within the wave: after 0–80% of its files have their outcome.
                var before = run.Outcomes();
                run.KillAt = Math.Min(run.Total - 1, before + (int)((run.Total - before) * _random.NextDouble() * 0.8));
                await run.WaitForMomentAsync();
                await InjectAsync();
            }
            await QuietCheckAsync(wave);
        }
    }

    private async Task InjectAsync()
    {
        run.MarkFault();
        var role = run.Roles[_random.Next(run.Roles.Count)].Name;
        switch (_random.Next(4))
        {
            case 0:
                run.Note($"nemesis: kill -9 of {role} with {run.Outcomes()}/{run.Total} done");
                await run.SignalAsync("KILL", role);
                await run.WaitReplacedAsync(role);
                break;
            case 1:
                run.Note($"nemesis: SIGTERM to {role} with {run.Outcomes()}/{run.Total} done");
                await run.SignalAsync("TERM", role);
                await run.WaitReplacedAsync(role);
                break;
            case 2:
                var pause = TimeSpan.FromMilliseconds(_random.Next(1000, 8000));
                run.Note($"nemesis: SIGSTOP of {role} for {pause.TotalSeconds:0.0} s with {run.Outcomes()}/{run.Total} done");
                await run.SignalAsync("STOP", role);
                await Task.Delay(pause); // the pause's length, not a wait for something
                await run.SignalAsync("CONT", role);
                await run.WaitAllReadyAsync(TimeSpan.FromSeconds(120));
                run.MarkRepaired();
                break;
            default:
                run.Note($"nemesis: kill -9 of the broker with {run.Outcomes()}/{run.Total} done");
                await run.Broker.KillAsync(TimeSpan.FromSeconds(10));
                await Task.Delay(run.Settings.BrokerDown); // the outage's length, not a wait for something
                await run.Broker.RestartAsync();
                await run.WaitAllReadyAsync(TimeSpan.FromSeconds(120));
                run.MarkRepaired();
                break;
        }
    }

    /// <summary>Every file so far has its outcome, and nothing is lost, failed, stored twice, contradictory or missed by the subscriber.</summary>
    private async Task QuietCheckAsync(int wave)
    {
        await Testing.Eventually.WaitUntilAsync($"wave {wave}: all {run.Total} outcomes", () => run.Outcomes() >= run.Total, Quiet,
            () => $"{run.Outcomes()}/{run.Total} outcomes (nemesis seed {seed})");
        await Testing.Eventually.TryAsync(() => run.Events.Distinct().Count() >= run.Total, TimeSpan.FromSeconds(30));
        var counts = await RunCounts.CountAsync(run);
        var problems = counts.Problems(run, needs503: false).Where(p => !p.StartsWith("stuck", StringComparison.Ordinal) || counts.Stuck > 0).ToList();
        run.Note($"quiet after wave {wave}: {counts}");
        Assert.True(problems.Count == 0, $"after wave {wave} (nemesis seed {seed}, replay with {SeedVariable}={seed}): {string.Join(", ", problems)}; {counts}");
    }
}
