using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NewsPipeline.Hosting;

namespace NewsPipeline.Testing;

/// <summary>
/// A real, throw-away RabbitMQ node for the integration tests. `scripts/test.sh` starts one and names it in
/// NEWSPIPELINE_TEST_RABBITMQ_DIR / _PORT; run from an IDE, the fixture starts its own with scripts/rabbitmq.sh.
/// Each test class takes a virtual host of its own, so queues left by one test never feed another.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private bool _ownsNode;

    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public string Username => "guest";
    public string Password => "guest";
    public string Folder { get; private set; } = "";

    /// <summary>The connection, for a bus or a `tail` in the test process itself.</summary>
    public RabbitMqOptions Options(string virtualHost) =>
        new() { Host = Host, Port = (ushort)Port, Username = Username, Password = Password, VirtualHost = virtualHost };

    /// <summary>Points a pipeline process's settings at this node's <paramref name="virtualHost"/>.</summary>
    public void AddBusSettings(IDictionary<string, string?> settings, string virtualHost)
    {
        settings["Bus:Transport"] = "RabbitMq";
        settings["Bus:RabbitMq:Host"] = Host;
        settings["Bus:RabbitMq:Port"] = Port.ToString(CultureInfo.InvariantCulture);
        settings["Bus:RabbitMq:VirtualHost"] = virtualHost;
        settings["Bus:RabbitMq:Username"] = Username;
        settings["Bus:RabbitMq:Password"] = Password;
    }

    /// <summary>A node of its own (never the shared one), for a test that kills and restarts it.</summary>
    public static async Task<RabbitMqBroker> StartOwnAsync()
    {
        var broker = new RabbitMqBroker { Folder = Directory.CreateTempSubdirectory("np-rabbitmq-own-").FullName, Port = FreePort.Pick(DistributionOffset), _ownsNode = true };
        await RunScriptAsync("start", broker.Folder, broker.Port.ToString(CultureInfo.InvariantCulture));
        return broker;
    }

    /// <summary>
    /// kill -9 of the node's Erlang VM, as a crash does it; returns once the process is gone and the port refuses.
    /// Only for a node of our own: <see cref="StartOwnAsync"/>.
    /// </summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        if (!_ownsNode)
            throw new InvalidOperationException("only a node started by this fixture may be killed");
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", $"beam.smp.* -home {Folder} .*-s rabbit boot"]) { RedirectStandardOutput = true })!;
        var pids = (await pgrep.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await pgrep.WaitForExitAsync();
        Assert.True(pids.Length > 0, $"no beam.smp runs for {Folder}");
        foreach (var pid in pids)
            using (var kill = Process.Start("kill", ["-9", pid]))
                await kill.WaitForExitAsync();
        await Eventually.WaitUntilAsync($"the broker on port {Port} refuses connections after kill -9", () => !IsAccepting(), timeout, every: TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Starts the node again on the same folder and port: same node name, same mnesia data (durable queues).</summary>
    public Task RestartAsync() => RunScriptAsync("start", Folder, Port.ToString(CultureInfo.InvariantCulture));

    private bool IsAccepting()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("NEWSPIPELINE_TEST_RABBITMQ_DIR") is { Length: > 0 } dir
            && int.TryParse(Environment.GetEnvironmentVariable("NEWSPIPELINE_TEST_RABBITMQ_PORT"), out var port))
        {
            (Folder, Port) = (dir, port);
            return;
        }
        Folder = Directory.CreateTempSubdirectory("np-rabbitmq-").FullName;
        Port = FreePort.Pick(DistributionOffset);
        await RunScriptAsync("start", Folder, Port.ToString(CultureInfo.InvariantCulture));
        _ownsNode = true;
    }

    /// <summary>Creates a fresh virtual host with full rights for the guest user.</summary>
    public async Task<string> NewVirtualHostAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await RunScriptAsync("vhost", Folder, name);
        return name;
    }

    public async Task DisposeAsync()
    {
        if (_ownsNode)
        {
            await RunScriptAsync("stop", Folder);
            try { Directory.Delete(Folder, true); } catch (IOException) { /* the node may hold a log file a moment longer */ }
        }
    }

    private static Task<string> RunScriptAsync(params string[] arguments) => Repository.RunScriptAsync("rabbitmq.sh", arguments);

    /// <summary>The Erlang distribution port is the AMQP port + 20000 (scripts/rabbitmq.sh): both must be free.</summary>
    private const int DistributionOffset = 20000;

    /// <summary>Waits until a queue that <paramref name="which"/> accepts has a consumer (a subscriber is bound and listening).</summary>
    public async Task WaitForConsumerAsync(string virtualHost, Func<string, bool> which, TimeSpan timeout)
    {
        IReadOnlyList<(string Name, long Messages, int Consumers)> seen = [];
        await Eventually.WaitUntilAsync($"a consumer on a queue of {virtualHost}",
            async () => (seen = await QueuesAsync(virtualHost)).Any(q => which(q.Name) && q.Consumers > 0), timeout,
            () => string.Join(", ", seen.Select(q => $"{q.Name}={q.Messages}/{q.Consumers}c")), TimeSpan.FromMilliseconds(500));
    }

    /// <summary>The queues of <paramref name="virtualHost"/> with their message and consumer counts (rabbitmqctl: about a second).</summary>
    public async Task<IReadOnlyList<(string Name, long Messages, int Consumers)>> QueuesAsync(string virtualHost)
    {
        var lines = (await Repository.RunScriptAsync("rabbitmq.sh", "consumers", Folder, virtualHost)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(l => l.Split('\t', ' '))
            .Where(f => f.Length >= 3 && long.TryParse(f[1], out _))
            .Select(f => (f[0], long.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture)))];
    }
}
