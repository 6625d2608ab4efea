using System.Diagnostics;

namespace NewsPipeline.Processing.Tests;

public sealed class CpuTimeBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void Lease_ThreadBurnsItsBudget_IsCancelledAfterThatMuchCpuTime()
    {
        using var budget = new CpuTimeBudget(Budget, TimeProvider.System);
        var before = CpuTimeBudget.CurrentThreadCpuTime();
        Assert.NotNull(before); // Linux: the thread's CPU clock is read, not a wall-clock timer

        using var lease = budget.Start();
        var (cancelled, wall) = SpinUntilCancelled(lease.Token);
        var used = CpuTimeBudget.CurrentThreadCpuTime()!.Value - before.Value;

        Assert.True(cancelled, $"not cancelled after {wall} of spinning ({used} CPU)");
        Assert.True(used >= Budget, $"cancelled after {used} CPU, less than the {Budget} budget");
    }

    [Fact]
    public void Lease_ThreadWaitsWithoutCpu_IsNotCancelledByWallTime_ThenIsOnceItWorks()
    {
        using var budget = new CpuTimeBudget(Budget, TimeProvider.System);
        using var lease = budget.Start();

        // Ten budgets of wall time off the CPU, as a thread waiting for a core on a loaded machine would spend them.
        using (var never = new ManualResetEventSlim())
            never.Wait(Budget * 10);
        Assert.False(lease.Token.IsCancellationRequested, "a wall-clock wait used up a CPU-time budget");

        var (cancelled, wall) = SpinUntilCancelled(lease.Token);
        Assert.True(cancelled, $"not cancelled after {wall} of spinning");
    }

    [Fact]
    public void Lease_DisposedBeforeItsBudget_IsNeverCancelled()
    {
        using var budget = new CpuTimeBudget(Budget, TimeProvider.System);
        var lease = budget.Start();
        var token = lease.Token;
        lease.Dispose();

        // Another lease on the same thread runs past the budget; only that one is cancelled.
        using var next = budget.Start();
        Assert.True(SpinUntilCancelled(next.Token).Cancelled);
        Assert.False(token.IsCancellationRequested);
    }

    /// <summary>Burns CPU until the token is cancelled, or 30 s pass (a broken budget fails instead of hanging).</summary>
    private static (bool Cancelled, TimeSpan Wall) SpinUntilCancelled(CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        while (!token.IsCancellationRequested && clock.Elapsed < TimeSpan.FromSeconds(30))
            Thread.SpinWait(1_000);
        return (token.IsCancellationRequested, clock.Elapsed);
    }
}
