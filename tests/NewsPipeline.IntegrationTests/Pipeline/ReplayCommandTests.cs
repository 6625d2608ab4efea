using NewsPipeline.IntegrationTests.Infrastructure;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>`replay` and `tail --since` given bad input: one clear line on stderr, exit code 2, nothing touched.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ReplayCommandTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private readonly Folders _folders = new();
    private Dictionary<string, string?> _settings = [];

    public async Task InitializeAsync()
    {
        _settings = _folders.Settings();
        broker.AddBusSettings(_settings, await broker.NewVirtualHostAsync("replay-bad"));
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        await using var command = PipelineProcess.StartCommand(arguments, _settings);
        Assert.True(await command.WaitForExitAsync(TimeSpan.FromMinutes(1)), $"{string.Join(' ', arguments)} did not end: {command.Output}");
        return (command.ExitCode, command.Output);
    }

    [Fact]
    public async Task ReplayErrors_BadInput_ClearErrorAndExit2()
    {
        var (exit, text) = await RunAsync("replay", "errors", "--queue", "newspipeline-worker");
        Assert.Equal(2, exit);
        Assert.Contains("must end in _error", text);
        (exit, text) = await RunAsync("replay", "errors", "--queue", "nope_error", "--all");
        Assert.Equal(2, exit);
        Assert.Contains("no queue nope_error", text);
        (exit, text) = await RunAsync("replay", "errors", "--all", "--id", "x");
        Assert.Equal(2, exit);
        Assert.Contains("exclude each other", text);
        (exit, text) = await RunAsync("replay", "errors", "--id", "0000");
        Assert.Equal(2, exit);
        Assert.Contains("no message 0000", text);
        (exit, text) = await RunAsync("tail", "--from", "rabbitmq", "--since", "3");
        Assert.Equal(2, exit);
        Assert.Contains("--since", text);
    }

    [Fact]
    public async Task ReplayFailed_NoFailedFolder_NamesTheSetting()
    {
        _settings["Watcher:Failed"] = Path.Combine(_folders.Root, "no-such-folder");
        var (exit, text) = await RunAsync("replay", "failed");
        Assert.Equal(2, exit);
        Assert.Contains("Watcher:Failed", text);
    }

    public Task DisposeAsync()
    {
        _folders.Dispose();
        return Task.CompletedTask;
    }
}
