using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace NewsPipeline.Processing;

/// <summary>
/// Cancels an analysis once the thread running it has spent the budget in CPU time (Linux: the thread's own CPU clock,
/// read by one shared timer). A wall-clock budget also counted the time the thread waited for a core, so on a loaded
/// machine a normal page could run out of it; CPU time is what the page itself costs. Where the thread's clock cannot
/// be read (another OS), the lease falls back to a wall-clock timer on the injected clock.
/// </summary>
public sealed class CpuTimeBudget : IDisposable
{
    private readonly TimeSpan _budget;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Lease, byte> _running = new();
    private readonly ITimer? _timer;

    public CpuTimeBudget(TimeSpan budget, TimeProvider time)
    {
        _budget = budget;
        _time = time;
        if (ThreadCpuClock.Available)
        {
            // A tenth of the budget (at most 100 ms) late at worst; the tick itself reads one clock per running analysis.
            var period = TimeSpan.FromTicks(Math.Clamp(budget.Ticks / 10, TimeSpan.TicksPerMillisecond, 100 * TimeSpan.TicksPerMillisecond));
            _timer = TimeProvider.System.CreateTimer(_ => Check(), null, period, period);
        }
    }

    /// <summary>Starts the budget of an analysis that runs on the calling thread from here until the lease is disposed.</summary>
    public Lease Start()
    {
        if (_timer is not null && ThreadCpuClock.Current() is { } clock && ThreadCpuClock.Read(clock) is { } started)
        {
            var lease = new Lease(this, new CancellationTokenSource(), clock, started);
            _running[lease] = 0;
            return lease;
        }
        return new Lease(this, new CancellationTokenSource(_budget, _time), null, default);
    }

    /// <summary>CPU time the calling thread has used so far, where it can be read.</summary>
    public static TimeSpan? CurrentThreadCpuTime() => ThreadCpuClock.Current() is { } clock ? ThreadCpuClock.Read(clock) : null;

    private void Check()
    {
        foreach (var lease in _running.Keys)
        {
            if (ThreadCpuClock.Read(lease.Clock!.Value) is { } now && now - lease.Started >= _budget)
                lease.Expire();
        }
    }

    public void Dispose() => _timer?.Dispose();

    public sealed class Lease : IDisposable
    {
        private readonly CpuTimeBudget _owner;
        private readonly CancellationTokenSource _cancel;

        internal Lease(CpuTimeBudget owner, CancellationTokenSource cancel, int? clock, TimeSpan started) =>
            (_owner, _cancel, Clock, Started) = (owner, cancel, clock, started);

        internal int? Clock { get; }
        internal TimeSpan Started { get; }

        /// <summary>Cancelled when the budget is spent.</summary>
        public CancellationToken Token => _cancel.Token;

        internal void Expire()
        {
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The analysis ended while the tick looked at it.
            }
        }

        public void Dispose()
        {
            // Out of the set first: the tick never reads the clock of a thread that has moved on to other work.
            _owner._running.TryRemove(this, out _);
            _cancel.Dispose();
        }
    }

    /// <summary>POSIX per-thread CPU clocks (pthread_getcpuclockid, clock_gettime), on Linux.</summary>
    private static class ThreadCpuClock
    {
        public static readonly bool Available = OperatingSystem.IsLinux() && Probe();

        public static int? Current()
        {
            if (!OperatingSystem.IsLinux())
                return null;
            return pthread_getcpuclockid(pthread_self(), out var clock) == 0 ? clock : null;
        }

        public static TimeSpan? Read(int clock) =>
            clock_gettime(clock, out var t) == 0 ? TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100) : null;

        private static bool Probe()
        {
            try
            {
                return Current() is { } clock && Read(clock) is not null;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "pthread_self")]
        private static extern nuint pthread_self();

        [DllImport("libc", EntryPoint = "pthread_getcpuclockid")]
        private static extern int pthread_getcpuclockid(nuint thread, out int clock);

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
