using System.Collections.Concurrent;
using System.Diagnostics;
using NewsPipeline.Testing;

namespace NewsPipeline.FaultTests;

/// <summary>
/// One run of one scenario: a fresh folder and virtual host (and database, for PostgreSQL), the roles as real
/// processes under restart loops, a durable subscriber, generated articles dropped a twentieth at a time, health
/// sampled every 0.25 s per role. The scenario injects its fault and repairs it through the members below; then the
/// run waits for the drain and counts what it left behind (<see cref="RunCounts"/>).
/// </summary>
internal sealed class FaultRun : IAsyncDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan Replaced = TimeSpan.FromSeconds(120);
    /// <summary>No scenario waits longer than this for its moment (a pipeline that stalled before the fault).</summary>
    private static readonly TimeSpan MomentLimit = TimeSpan.FromMinutes(10);

    private readonly FaultCluster _cluster;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly ConcurrentQueue<(double At, string Role, int Code)> _health = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly List<Task> _samplers = [];
    private readonly Dictionary<string, PipelineProcess> _signalled = [];
    private SupervisedRole? _tail;
    private volatile bool _dropped;
    private bool _mounted;

    public FaultRun(FaultCluster cluster, string scenario, int run, FaultSettings settings)
    {
        _cluster = cluster;
        Scenario = scenario;
        Run = run;
        Settings = settings;
        Number = cluster.NextRunNumber();
        Root = Directory.CreateTempSubdirectory($"np-faults-{scenario}-").FullName;
        Embedded = scenario == "embedded-kill";
        Postgres = scenario == "postgres-stop";
        Total = settings.Files;
        KillAt = Math.Max(1, (int)(settings.Files * FaultSettings.Moment(run)));
    }

    public string Scenario { get; }
    public int Run { get; }
    public int Number { get; }
    public FaultSettings Settings { get; }
    public string Root { get; }
    public bool Embedded { get; }
    public bool Postgres { get; }
    public string Inbox => Path.Combine(Root, "inbox");
    public string Processing => Path.Combine(Root, "processing");
    public string Done => Path.Combine(Root, "done");
    public string Failed => Path.Combine(Root, "failed");
    public string StoreFolder => Path.Combine(Root, Scenario == "disk-full" ? "store" : "data");
    public string SqlitePath => Path.Combine(StoreFolder, "np.db");
    public string VirtualHost { get; private set; } = "";
    public string? PostgresConnection { get; private set; }
    public RabbitMqBroker Broker => _cluster.Broker;
    public List<SupervisedRole> Roles { get; } = [];

    /// <summary>Files that must end with an outcome (a scenario may drop more).</summary>
    public int Total { get; set; }

    /// <summary>The outcome count at which the fault comes (0: right after the drop).</summary>
    public int KillAt { get; set; }

    public double? FaultAt { get; private set; }
    public int FaultDone { get; private set; }
    public double? RepairedAt { get; private set; }
    public double? DrainedAt { get; private set; }

    /// <summary>The roles whose /health/ready must say 503 soon after the fault (empty when a role is simply gone).</summary>
    public IReadOnlyList<string> ReadyOf { get; private set; } = [];

    public double Now => _clock.Elapsed.TotalSeconds;

    public IReadOnlyCollection<string> Events => _events;

    public IReadOnlyCollection<(double At, string Role, int Code)> Health => _health;

    public void Note(string line) => _notes.Enqueue($"{Now,7:0.0}s {line}");

    public string Notes => string.Join('\n', _notes);

    /// <summary>Folders, virtual host, store, roles and subscriber; returns once every role answers ready.</summary>
    public async Task StartAsync()
    {
        foreach (var folder in new[] { Inbox, Done, Failed, StoreFolder })
            Directory.CreateDirectory(folder);
        if (Scenario == "disk-full")
        {
            // The store on a small file system of its own, which the scenario fills (TmpfsFact skips where this fails).
            Tmpfs.Mount(StoreFolder, "48m");
            _mounted = true;
        }
        if (Postgres)
        {
            var server = await _cluster.PostgresAsync();
            PostgresConnection = new Npgsql.NpgsqlConnectionStringBuilder(await server.NewDatabaseAsync()) { Timeout = 3, CommandTimeout = 10 }.ToString();
        }
        if (Embedded)
            Roles.Add(StartRole("pipeline", ["run"]));
        else
        {
            VirtualHost = await Broker.NewVirtualHostAsync($"faults-{Number}");
            Roles.Add(StartRole("sink", ["run", "--role", "sink"]));
            for (var w = 1; w <= Settings.Workers; w++)
                Roles.Add(StartRole($"worker{w}", ["run", "--role", "worker"]));
            Roles.Add(StartRole("watcher", ["run", "--role", "watcher"]));
        }
        foreach (var role in Roles)
            await role.Current.WaitForReadyAsync(Ready);
        if (!Embedded)
            await StartSubscriberAsync();
        Note($"run {Number}: {Scenario} ({Run} of {Settings.Runs}), {Total} files, fault at {KillAt} done, roles: {string.Join(' ', Roles.Select(r => r.Name))}");
    }

    private Dictionary<string, string?> SharedSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Watcher:Inbox"] = Inbox,
            ["Watcher:Processing"] = Processing,
            ["Watcher:Done"] = Done,
            ["Watcher:Failed"] = Failed,
            ["Serilog:MinimumLevel:Default"] = "Information",
        };
        if (PostgresConnection is not null)
        {
            settings["Store:Provider"] = "Postgres";
            settings["Store:PostgresConnectionString"] = PostgresConnection;
        }
        else
            settings["Store:SqlitePath"] = SqlitePath;
        if (!Embedded)
            Broker.AddBusSettings(settings, VirtualHost);
        return settings;
    }

    private SupervisedRole StartRole(string name, string[] arguments)
    {
        var settings = SharedSettings();
        settings["Http:Url"] = FreePort.HttpUrl();
        return new SupervisedRole(name, arguments, settings, Note);
    }

    /// <summary>
    /// A durable subscriber, as the README tells subscribers to be: it must see every file's event across broker
    /// restarts. Returns once its queue is bound and consumed: a fault that came sooner would make it miss events for good.
    /// </summary>
    private async Task StartSubscriberAsync()
    {
        var settings = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning" };
        Broker.AddBusSettings(settings, VirtualHost);
        _tail = new SupervisedRole("tail", ["tail", "--from", "rabbitmq", "--queue", "faults-tail"], settings, Note, _events.Enqueue);
        await Broker.WaitForConsumerAsync(VirtualHost, q => q == "faults-tail", TimeSpan.FromSeconds(60));
    }

    /// <summary>Generates the files, starts the samplers, and drops the files in the background.</summary>
    public Task DropAsync()
    {
        var staged = Path.Combine(Root, "staged");
        Articles.Write(staged, Total, 0);
        foreach (var role in Roles)
            _samplers.Add(SampleHealthAsync(role, _stopSampling.Token));
        _samplers.Add(ReportProgressAsync(_stopSampling.Token));
        return DropPacedAsync(staged);
    }

    /// <summary>
    /// A twentieth of the files at a time, 0.1 s apart: with batched hops a quiet machine took all 600 files between two
    /// looks at the outcome count, so a fault meant for "10% done" came after the last.
    /// </summary>
    private async Task DropPacedAsync(string staged)
    {
        var names = Directory.GetFiles(staged).Order(StringComparer.Ordinal).ToArray();
        var chunk = (names.Length + 19) / 20;
        for (int start = 0, i = 0; start < names.Length; start += chunk, i++)
        {
            var part = $"{staged}.c{i}";
            Directory.CreateDirectory(part);
            foreach (var name in names.Skip(start).Take(chunk))
                File.Move(name, Path.Combine(part, Path.GetFileName(name)));
            Directory.Move(part, Path.Combine(Inbox, $"c{i}"));
            await Task.Delay(100); // the pace of the drop, not a wait for anything
        }
        Directory.Delete(staged);
        _dropped = true;
    }

    private async Task SampleHealthAsync(SupervisedRole role, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var code = await role.Current.ReadyStatusAsync();
            _health.Enqueue((Now, role.Name, code));
            try
            {
                await Task.Delay(SampleEvery, stop); // the sampling rate of /health/ready
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReportProgressAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var last = Roles.Select(r => $"{r.Name}={_health.LastOrDefault(h => h.Role == r.Name).Code}");
            Note($"done+failed={Outcomes()} in={Count(Inbox) + Count(Processing)} | {string.Join(' ', last)}");
            try
            {
                await Task.Delay(ProgressEvery, stop); // how often progress is noted
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Files under <paramref name="folder"/>, not counting reason files or hidden claim files.</summary>
    public static int Count(string folder) => Files(folder).Count();

    public static IEnumerable<string> Files(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".error.json", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f))
        : [];

    public int Outcomes() => Count(Done) + Count(Failed);

    /// <summary>
    /// The fault's moment: <see cref="KillAt"/> outcomes, or every file dropped and claimed with the first outcomes back
    /// and more still to come, whichever is first. Outcomes come back a sink batch at a time (up to hundreds of files),
    /// so "N done" alone could be the end of the run. The first outcome is awaited because the watcher claims a whole drop
    /// within a scan or two: without it every fault came at "0 done", before anything had travelled the whole pipeline.
    /// </summary>
    public Task WaitForMomentAsync() =>
        Eventually.WaitUntilAsync($"{KillAt} outcomes, or every file claimed and the first outcomes back", () =>
        {
            var outcomes = Outcomes();
            return outcomes >= KillAt || (_dropped && Count(Inbox) == 0 && outcomes > 0 && outcomes < Total);
        }, MomentLimit, () => $"{Outcomes()}/{Total} outcomes, {Count(Inbox)} in the inbox", TimeSpan.FromMilliseconds(50));

    public Task WaitForAllOutcomesAsync() =>
        Eventually.WaitUntilAsync($"all {Total} outcomes", () => Outcomes() >= Total, MomentLimit, () => $"{Outcomes()}/{Total} outcomes", TimeSpan.FromMilliseconds(50));

    public void MarkFault()
    {
        FaultAt = Now;
        FaultDone = Outcomes();
    }

    public void MarkRepaired(params string[] readyOf)
    {
        RepairedAt = Now;
        ReadyOf = readyOf;
    }

    public SupervisedRole Role(string name) => Roles.Single(r => r.Name == name);

    /// <summary>Sends the signal to those roles' current processes.</summary>
    public async Task SignalAsync(string signal, params string[] names)
    {
        foreach (var name in names)
        {
            var process = Role(name).Current;
            _signalled[name] = process;
            Assert.True(await process.SignalAsync(signal), $"{name} had no running process to send SIG{signal} to");
        }
    }

    /// <summary>Until each of those roles runs a new process that answers ready; then the fault is repaired.</summary>
    public async Task WaitReplacedAsync(params string[] names)
    {
        foreach (var name in names)
            await Role(name).WaitReplacedAsync(_signalled[name], Replaced);
        MarkRepaired();
    }

    /// <summary>Until every role's current process answers ready (a role that exits meanwhile is started again by its loop).</summary>
    public Task WaitAllReadyAsync(TimeSpan timeout) =>
        Eventually.WaitUntilAsync("every role ready", async () =>
        {
            foreach (var role in Roles)
                if (await role.Current.ReadyStatusAsync() != 200)
                    return false;
            return true;
        }, timeout, () => string.Join(' ', Roles.Select(r => $"{r.Name}={_health.LastOrDefault(h => h.Role == r.Name).Code}")));

    /// <summary>Drains: until every file has its outcome or the deadline after the repair passes.</summary>
    public async Task FinishAsync(Task dropping)
    {
        await dropping;
        var left = TimeSpan.FromSeconds(Math.Max(0, RepairedAt!.Value + Settings.Deadline.TotalSeconds - Now));
        if (await Eventually.TryAsync(() => Outcomes() >= Total, left))
            DrainedAt = Now;
        // Ready again (and, on RabbitMQ, the subscriber caught up) before counting: events may trail the file moves.
        foreach (var role in Roles)
        {
            try
            {
                await role.Current.WaitForReadyAsync(Ready);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                Note($"{role.Name} not ready at the end: {e.Message.Split('\n')[0]}");
            }
        }
        if (!Embedded)
            await Eventually.TryAsync(() => _events.Distinct().Count() >= Total, TimeSpan.FromSeconds(30));
        await StopSamplingAsync();
    }

    private async Task StopSamplingAsync()
    {
        await _stopSampling.CancelAsync();
        await Task.WhenAll(_samplers);
        _samplers.Clear();
    }

    /// <summary>The last lines of every role's output, for a failing run.</summary>
    public string Logs(int lines) => string.Concat(Roles.Append(_tail).OfType<SupervisedRole>().Select(r => r.Logs(lines)));

    public async ValueTask DisposeAsync()
    {
        await StopSamplingAsync();
        await Task.WhenAll(Roles.Append(_tail).OfType<SupervisedRole>().Select(r => r.DisposeAsync().AsTask()));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_mounted)
            Tmpfs.Unmount(StoreFolder);
        _stopSampling.Dispose();
    }

    /// <summary>Deletes the run's folder (a passed run; a failed one is kept for its logs).</summary>
    public void DeleteFolder()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
