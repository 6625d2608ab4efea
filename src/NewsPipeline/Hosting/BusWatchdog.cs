using System.Runtime.InteropServices;
using Serilog;

namespace NewsPipeline.Hosting;

/// <summary>
/// The last line of defence against the broker-crash wedge (docs/reliability.md): a receive endpoint whose channel died
/// with deliveries in flight can neither finish them nor restart, and no MassTransit or RabbitMQ.Client setting reaches
/// it. Once the broker accepts connections again, every endpoint has Bus:RecoveryTimeout (15 s) to report Ready;
/// one that does not means the process cannot consume again by itself, so it exits with code 4 at once (no graceful
/// stop: that would wait on the same wedged deliveries), and the process manager starts it anew. Nothing is lost:
/// unacknowledged messages go back to their queues, claimed files are announced again, every write is idempotent.
/// </summary>
internal sealed class BusWatchdog(EndpointLiveness liveness, BusReadiness readiness, TimeSpan recoveryTimeout, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<BusWatchdog> logger, Action<int>? exit = null) : BackgroundService
{
    public const int ExitCode = 4;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? reachableSince = null;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A stop ends the endpoints on purpose (the bus stops before this service does).
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                    return;
                var stuck = liveness.NotConsuming();
                if (stuck.Count == 0)
                {
                    reachableSince = null;
                    continue;
                }
                if (await readiness.ProbeAsync(stoppingToken) is { } unreachable)
                {
                    reachableSince = null; // nobody can consume from a broker that is down: wait for it
                    logger.LogDebug("Watchdog: {Reason}", unreachable);
                    continue;
                }
                var now = time.GetUtcNow();
                reachableSince ??= now;
                if (now - reachableSince < recoveryTimeout)
                    continue;
                var names = string.Join(", ", stuck.Select(s => $"{s.Endpoint} ({s.Reason}, since {s.Since:HH:mm:ss})"));
                logger.LogCritical("Receive endpoint(s) {Endpoints} did not consume again within {RecoveryTimeout} of the broker being reachable (outage since {OutageSince}); exiting with code {ExitCode} so that the process manager restarts this role",
                    names, recoveryTimeout, liveness.OutageSince, ExitCode);
                (exit ?? ExitNow)(ExitCode);
                return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// No ProcessExit handlers (Environment.Exit runs them): the host's would wait for a stop that the wedged endpoint
    /// never lets finish. _exit(2) where glibc has it, else the process kills itself (status 137).
    /// </summary>
    internal static void ExitNow(int code)
    {
        Log.CloseAndFlush();
        try
        {
            if (OperatingSystem.IsLinux())
                NativeExit(code);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl or another libc: fall through
        }
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }

    [DllImport("libc.so.6", EntryPoint = "_exit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void NativeExit(int code);
}
