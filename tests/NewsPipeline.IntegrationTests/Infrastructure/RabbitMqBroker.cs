using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NewsPipeline.Hosting;
using NewsPipeline.Testing;

namespace NewsPipeline.IntegrationTests.Infrastructure;

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
        var broker = new RabbitMqBroker { Folder = Directory.CreateTempSubdirectory("np-rabbitmq-own-").FullName, Port = FreePortPair(), _ownsNode = true };
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
        var deadline = DateTime.UtcNow + timeout;
        while (IsAccepting())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the broker on port {Port} still accepts connections {timeout} after kill -9");
            await Task.Delay(100);
        }
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
        Port = FreePortPair();
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

    private static Task RunScriptAsync(params string[] arguments) => Repository.RunScriptAsync("rabbitmq.sh", arguments);

    /// <summary>The AMQP port and the Erlang distribution port (AMQP + 20000) must both be free.</summary>
    private static int FreePortPair()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20000, 40000);
            if (IsFree(port) && IsFree(port + 20000))
                return port;
        }
        throw new InvalidOperationException("no free port pair for RabbitMQ");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
