using NewsPipeline.Testing;

namespace NewsPipeline.FaultTests;

/// <summary>
/// One role under a loop that starts it again whenever it exits, as a process manager would (systemd Restart=, compose
/// restart:, Kubernetes). <see cref="Current"/> is the process it runs now; every exit counts as a restart.
/// </summary>
internal sealed class SupervisedRole : IAsyncDisposable
{
    /// <summary>A process manager's back-off between an exit and the next start (not a wait for anything).</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(500);

    private readonly IEnumerable<string> _arguments;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<string>? _onStandardOutput;
    private readonly Action<string> _note;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<PipelineProcess> _earlier = [];
    private readonly Task _loop;
    private volatile PipelineProcess _current;

    public SupervisedRole(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings, Action<string> note, Action<string>? onStandardOutput = null)
    {
        Name = name;
        _arguments = arguments;
        _settings = settings;
        _note = note;
        _onStandardOutput = onStandardOutput;
        _current = StartProcess();
        _loop = SuperviseAsync();
    }

    public string Name { get; }

    public PipelineProcess Current => _current;

    public int Restarts { get; private set; }

    private PipelineProcess StartProcess() => PipelineProcess.StartCommand(_arguments, _settings, onStandardOutput: _onStandardOutput);

    private async Task SuperviseAsync()
    {
        while (true)
        {
            await _current.Exited;
            if (_stopping.IsCancellationRequested)
                return;
            Restarts++;
            _note($"{Name} exited with {_current.ExitCode}; starting it again");
            lock (_earlier)
                _earlier.Add(_current);
            try
            {
                await Task.Delay(RestartDelay, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _current = StartProcess();
        }
    }

    /// <summary>Waits until a process other than <paramref name="replaced"/> runs and answers ready.</summary>
    public Task WaitReplacedAsync(PipelineProcess replaced, TimeSpan timeout) =>
        Eventually.WaitUntilAsync($"{Name} running again and ready", async () => _current != replaced && await _current.ReadyStatusAsync() == 200, timeout,
            () => $"{Name}: {(_current == replaced ? "not started again" : "started again, not ready")}; its output:\n{_current.Tail(15)}");

    /// <summary>The last lines of every process this loop ran, for a failing run's report.</summary>
    public string Logs(int lines)
    {
        lock (_earlier)
            return string.Concat(_earlier.Select((p, i) => $"--- {Name} (run {i + 1}, exited with {p.ExitCode}) ---\n{p.Tail(lines)}\n"))
                + $"--- {Name} (now, exited: {_current.HasExited}) ---\n{_current.Tail(lines)}\n";
    }

    /// <summary>Ends the loop, then the process it runs (SIGTERM; SIGKILL when it does not stop within 15 s).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        var running = _current;
        await running.DisposeAsync();
        await _loop;
        if (_current != running) // started just as the loop was told to stop
            await _current.DisposeAsync();
        List<PipelineProcess> earlier;
        lock (_earlier)
            earlier = [.. _earlier];
        foreach (var process in earlier)
            await process.DisposeAsync();
        _stopping.Dispose();
    }
}
