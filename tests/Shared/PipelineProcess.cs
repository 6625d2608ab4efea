using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NewsPipeline.Testing;

/// <summary>One role of the pipeline as its own OS process, like a deployment runs it.</summary>
internal sealed class PipelineProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Action<string>? _onStandardOutput;
    private readonly string? _url;

    private PipelineProcess(Process process, string? url, Action<string>? onStandardOutput)
    {
        _process = process;
        _url = url;
        _onStandardOutput = onStandardOutput;
    }

    /// <summary>Everything the process printed (standard output and error), in order.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>The last <paramref name="count"/> non-empty lines of <see cref="Output"/>, for a failure message.</summary>
    public string Tail(int count) =>
        string.Join('\n', Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));

    /// <summary>Its Http:Url setting, where /health/ready answers; null when the settings named none.</summary>
    public string? Url => _url;

    public int Id => _process.Id;

    public static PipelineProcess Start(string role, IReadOnlyDictionary<string, string?> settings) =>
        StartCommand(["run", "--role", role], settings);

    /// <summary>Any `newspipeline` command; settings become environment variables (Http:Url → Http__Url).</summary>
    public static PipelineProcess StartCommand(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings, string? workingDirectory = null, Action<string>? onStandardOutput = null) =>
        StartProgram("dotnet", [Repository.Executable, .. arguments], settings, workingDirectory, onStandardOutput);

    /// <summary>
    /// Any program (a subscriber in another language, say), its output collected like a role's;
    /// <paramref name="onStandardOutput"/> also gets each line of standard output alone (a subscriber's events).
    /// </summary>
    public static PipelineProcess StartProgram(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings, string? workingDirectory = null, Action<string>? onStandardOutput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        var process = new Process { StartInfo = start };
        var result = new PipelineProcess(process, settings.TryGetValue("Http:Url", out var url) ? url : null, onStandardOutput);
        process.OutputDataReceived += (_, e) => result.Append(e.Data, standardOutput: true);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data, standardOutput: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    private void Append(string? line, bool standardOutput)
    {
        if (line is null)
            return;
        if (standardOutput)
            _onStandardOutput?.Invoke(line);
        lock (_output)
            _output.AppendLine(line);
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process has exited, however it ended.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>The HTTP status of /health/ready now; 0 when nothing answered (not listening yet, gone, or too slow).</summary>
    public async Task<int> ReadyStatusAsync()
    {
        var url = _url ?? throw new InvalidOperationException("the process was started without an Http:Url setting");
        try
        {
            using var response = await Http.GetAsync(new Uri(url + "/health/ready"));
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Waits until /health/ready answers 200 (the role is able to work); a role that exits meanwhile or is not ready by
    /// the deadline fails the wait with its output. The default deadline is generous: a loaded machine starts .NET slowly.
    /// </summary>
    public async Task WaitForReadyAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(180);
        var last = 0;
        var ready = await Eventually.TryAsync(async () => HasExited || (last = await ReadyStatusAsync()) == 200, limit);
        if (HasExited)
            throw new InvalidOperationException($"{_url} exited with {ExitCode} before it was ready; its output:\n{Output}");
        if (!ready)
            throw new TimeoutException($"{_url}/health/ready did not answer 200 within {limit.TotalSeconds:0} s (last answer: {last}); its output:\n{Output}");
    }

    /// <summary>Waits for a command that ends by itself; false when it was still running at the deadline (then killed).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return false;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything (a crash, a dropped connection).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends a signal by name (KILL, TERM, STOP, CONT) and returns at once; false when the process was already gone.</summary>
    public async Task<bool> SignalAsync(string signal)
    {
        if (_process.HasExited)
            return false;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; returns whether it stopped on its own.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
            return true;
        await SignalAsync("TERM");
        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await SignalAsync("CONT"); // a stopped (SIGSTOP) process cannot act on SIGTERM
        await StopAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }
}
