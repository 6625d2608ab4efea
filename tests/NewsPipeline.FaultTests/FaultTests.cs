using Xunit.Abstractions;

namespace NewsPipeline.FaultTests;

/// <summary>
/// The fault suite (docs/reliability.md): real role processes under restart loops, a RabbitMQ node and a PostgreSQL
/// cluster of the suite's own, generated articles in flight, then a fault. Every run is checked for lost, failed,
/// stuck, duplicated and contradictory outcomes, for events the durable subscriber missed and, for broker and store
/// faults, for /health/ready saying 503 soon. One test per scenario; <see cref="FaultSettings"/> says how many runs.
/// The cases share one broker node, so they run one after another (one class, one collection).
/// </summary>
public sealed class FaultTests(FaultCluster cluster, ITestOutputHelper output) : IClassFixture<FaultCluster>
{
    [Fact]
    public Task WatcherKill_KilledMidStream_EveryFileEndsOnce() => RunAsync("watcher-kill", run => KillAsync(run, "watcher"));

    [Fact]
    public Task WorkerKill_OneWorkerKilledMidStream_EveryFileEndsOnce() => RunAsync("worker-kill", run => KillAsync(run, "worker1"));

    [Fact]
    public Task WorkersKill_EveryWorkerKilledAtOnce_EveryFileEndsOnce() =>
        RunAsync("workers-kill", run => KillAsync(run, [.. Enumerable.Range(1, run.Settings.Workers).Select(w => $"worker{w}")]));

    [Fact]
    public Task SinkKill_KilledMidStream_EveryFileEndsOnce() => RunAsync("sink-kill", run => KillAsync(run, "sink"));

    [Fact]
    public Task EmbeddedKill_RunKilledMidStream_EveryFileEndsOnce() => RunAsync("embedded-kill", run => KillAsync(run, "pipeline"));

    [Fact]
    public Task Sigterm_EveryRoleStoppedMidStream_EveryFileEndsOnce() => RunAsync("sigterm", async run =>
    {
        await run.WaitForMomentAsync();
        run.MarkFault();
        var names = run.Roles.Select(r => r.Name).ToArray();
        await run.SignalAsync("TERM", names);
        run.Note($"SIGTERM to every role with {run.Outcomes()}/{run.Total} done");
        await run.WaitReplacedAsync(names);
    });

    [Fact]
    public Task BrokerKill_KilledMidStream_RolesSay503AndEveryFileEndsOnce() => RunAsync("broker-kill", async run =>
    {
        await run.WaitForMomentAsync();
        await BrokerOutageAsync(run);
    });

    [Fact]
    public Task BrokerIdle_KilledWhileIdle_RolesSay503AndTheNextDropIsProcessed() => RunAsync("broker-idle", async run =>
    {
        await run.WaitForAllOutcomesAsync();
        await BrokerOutageAsync(run);
        var more = run.Settings.Files / 5;
        var staged = Path.Combine(run.Root, "staged2");
        Articles.Write(staged, more, run.Settings.Files);
        run.Total += more;
        Directory.Move(staged, Path.Combine(run.Inbox, "after"));
        run.Note($"dropped {more} more files");
    });

    [Fact]
    public Task PostgresStop_StoppedMidStream_SinkSays503AndEveryFileEndsOnce() => RunAsync("postgres-stop", async run =>
    {
        await run.WaitForMomentAsync();
        run.MarkFault();
        var server = await cluster.PostgresAsync();
        await server.StopAsync();
        run.Note($"stopped PostgreSQL with {run.Outcomes()}/{run.Total} done for {run.Settings.StoreDown.TotalSeconds:0} s");
        await Task.Delay(run.Settings.StoreDown); // the outage's length, not a wait for something
        await server.ResumeAsync();
        run.MarkRepaired("sink");
        run.Note($"PostgreSQL back: {run.Outcomes()}/{run.Total} done");
    });

    [TmpfsFact]
    public Task DiskFull_StoreFileSystemFilled_SinkSays503AndEveryFileEndsOnce() => RunAsync("disk-full", async run =>
    {
        await run.WaitForMomentAsync();
        run.MarkFault();
        var filler = Path.Combine(run.StoreFolder, "filler");
        FillUp(filler);
        run.Note($"filled the store's file system ({new DriveInfo(run.StoreFolder).AvailableFreeSpace} bytes left) with {run.Outcomes()}/{run.Total} done for {run.Settings.StoreDown.TotalSeconds:0} s");
        await Task.Delay(run.Settings.StoreDown); // the outage's length, not a wait for something
        File.Delete(filler);
        run.MarkRepaired("sink");
        run.Note($"space again: {run.Outcomes()}/{run.Total} done");
    });

    /// <summary>Seeded random faults while files keep arriving, invariants checked after each quiet period (<see cref="Nemesis"/>).</summary>
    [Fact]
    public Task Nemesis_SeededRandomFaultsWhileFilesArrive_InvariantsHoldAfterEachQuietPeriod() => RunAsync("nemesis", async run =>
    {
        var seed = Nemesis.Seed();
        output.WriteLine($"nemesis seed {seed} (replay: {Nemesis.SeedVariable}={seed})");
        await new Nemesis(run, seed).RunAsync();
    });

    private static async Task KillAsync(FaultRun run, params string[] names)
    {
        await run.WaitForMomentAsync();
        run.MarkFault();
        await run.SignalAsync("KILL", names);
        run.Note($"kill -9 of {string.Join(' ', names)} with {run.Outcomes()}/{run.Total} done");
        await run.WaitReplacedAsync(names);
    }

    /// <summary>kill -9 of the node's VM mid-stream; restarted with its data (durable queues, persistent messages) after the outage.</summary>
    private static async Task BrokerOutageAsync(FaultRun run)
    {
        run.MarkFault();
        await run.Broker.KillAsync(TimeSpan.FromSeconds(10));
        run.Note($"killed the broker (SIGKILL) with {run.FaultDone}/{run.Total} done, {FaultRun.Count(run.Inbox) + FaultRun.Count(run.Processing)} in flight");
        await Task.Delay(run.Settings.BrokerDown); // the outage's length, not a wait for something
        await run.Broker.RestartAsync();
        run.MarkRepaired([.. run.Roles.Select(r => r.Name)]);
        run.Note("broker back");
    }

    /// <summary>Writes zeros until the file system is full.</summary>
    private static void FillUp(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        try
        {
            while (true)
                file.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: full, as intended
        }
    }

    /// <summary>Runs the scenario Settings.Runs times (the fault at a different moment each time) and asserts every run passed.</summary>
    private async Task RunAsync(string scenario, Func<FaultRun, Task> fault)
    {
        var settings = FaultSettings.Current;
        output.WriteLine(settings.ToString());
        var failures = new List<string>();
        string table = "";
        for (var r = 1; r <= settings.Runs; r++)
        {
            var run = new FaultRun(cluster, scenario, r, settings);
            // SQLite keeps writing into WAL space it already has, so a disk filled late may never fail a write on a fast
            // machine; run 1 fills it right after the drop, so its writes fail for certain (and ready must say 503).
            var needs503 = scenario.StartsWith("broker-", StringComparison.Ordinal) || scenario == "postgres-stop" || (scenario == "disk-full" && r == 1);
            if (scenario == "disk-full" && r == 1)
                run.KillAt = 0;
            string row;
            string? logs = null;
            var passed = false;
            try
            {
                await run.StartAsync();
                var dropping = run.DropAsync();
                await fault(run);
                await run.FinishAsync(dropping);
                var counts = await RunCounts.CountAsync(run);
                var moment = scenario switch
                {
                    "broker-idle" => "idle",
                    "nemesis" => "random",
                    _ => $"{run.FaultDone}/{run.Total} done",
                };
                var problems = counts.Problems(run, needs503);
                row = counts.Row(run, moment, needs503, problems);
                passed = problems.Count == 0;
            }
            catch (Exception e)
            {
                row = $"| {scenario} | {r} | FAIL: {e.GetType().Name}: {e.Message.Split('\n')[0]} |";
                run.Note(e.ToString());
            }
            finally
            {
                if (!passed)
                    logs = run.Logs(15); // before the processes are disposed
                await run.DisposeAsync();
            }
            table = cluster.Add(row);
            output.WriteLine(row);
            output.WriteLine(run.Notes);
            if (passed)
                run.DeleteFolder();
            else
            {
                failures.Add(row);
                output.WriteLine($"kept {run.Root}; the last lines of each role's output:\n{logs}");
            }
        }
        output.WriteLine($"\n{table}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {settings.Runs} run(s) failed:\n{string.Join('\n', failures)}");
    }
}
