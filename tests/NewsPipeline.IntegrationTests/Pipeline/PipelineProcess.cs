using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>One role of the pipeline as its own OS process, like a deployment runs it.</summary>
internal sealed class PipelineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PipelineProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static PipelineProcess Start(string role, IReadOnlyDictionary<string, string?> settings) =>
        StartCommand(["run", "--role", role], settings);

    /// <summary>Any `newspipeline` command; settings become environment variables (Http:Url → Http__Url).</summary>
    public static PipelineProcess StartCommand(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings, string? workingDirectory = null) =>
        StartProgram("dotnet", [TestPaths.Executable, .. arguments], settings, workingDirectory);

    /// <summary>Any program (a subscriber in another language, say), its output collected like a role's.</summary>
    public static PipelineProcess StartProgram(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings, string? workingDirectory = null)
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
        var result = new PipelineProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

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

    /// <summary>SIGTERM, as an orchestrator stops a container; returns whether it stopped on its own.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
            return true;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }
}
