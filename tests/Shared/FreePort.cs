using System.Net;
using System.Net.Sockets;

namespace NewsPipeline.Testing;

/// <summary>
/// The one place that picks ports for the tests: throw-away servers (RabbitMQ, PostgreSQL) and the roles' HTTP ports.
/// Ports come from below the kernel's ephemeral range (32768+): there, an outgoing connection's local port could take a
/// port between the probe and the server's bind (RabbitMQ's distribution port, AMQP + 20000, used to land there and
/// made a start fail now and then). A port handed out once is never handed out again by this process, so roles
/// started at the same moment never get the same one.
/// </summary>
internal static class FreePort
{
    private const int Lowest = 10000;
    private const int EphemeralStart = 32768;
    private static readonly HashSet<int> Given = [];

    /// <summary>A free port p for which p + each of <paramref name="alsoFree"/> is free too (e.g. 1 and 20000 for RabbitMQ + PostgreSQL).</summary>
    public static int Pick(params int[] alsoFree)
    {
        var highest = EphemeralStart - 1 - (alsoFree.Length == 0 ? 0 : alsoFree.Max());
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(Lowest, highest);
            lock (Given)
            {
                if (Given.Contains(port) || alsoFree.Any(o => Given.Contains(port + o)))
                    continue;
                if (!IsFree(port) || !alsoFree.All(o => IsFree(port + o)))
                    continue;
                Given.Add(port);
                foreach (var offset in alsoFree)
                    Given.Add(port + offset);
                return port;
            }
        }
        throw new InvalidOperationException($"no free port in {Lowest}–{highest} (with +{string.Join(", +", alsoFree)} free too)");
    }

    /// <summary>An HTTP address on a free loopback port, for a role's Http:Url.</summary>
    public static string HttpUrl() => $"http://127.0.0.1:{Pick()}";

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
