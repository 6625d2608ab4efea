namespace NewsPipeline.Testing;

/// <summary>
/// The one poll loop of the tests: waits on a condition with a deadline, never a fixed time. Either it answers whether
/// the condition held (<see cref="TryAsync(Func{Task{bool}}, TimeSpan, TimeSpan?)"/>, for tests that assert with a
/// message of their own) or it throws naming what was awaited and what was seen (WaitUntilAsync).
/// </summary>
internal static class Eventually
{
    /// <summary>How often a condition is asked again: often enough to see a state that lasts a moment, rarely enough to cost nothing.</summary>
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Asks until the condition holds or the deadline passes (asking once more at the deadline); true when it held.</summary>
    public static async Task<bool> TryAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(every ?? DefaultPoll); // the poll interval: the only fixed wait, between two looks at the condition
        }
        return await condition();
    }

    public static Task<bool> TryAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null) =>
        TryAsync(() => Task.FromResult(condition()), timeout, every);

    /// <summary>Waits until the condition holds; at the deadline throws a <see cref="TimeoutException"/> naming <paramref name="what"/> and what <paramref name="seen"/> says.</summary>
    public static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, Func<string>? seen = null, TimeSpan? every = null)
    {
        if (!await TryAsync(condition, timeout, every))
            throw new TimeoutException($"not within {timeout.TotalSeconds:0.#} s: {what}" + (seen is null ? "" : $"; seen: {seen()}"));
    }

    public static Task WaitUntilAsync(string what, Func<bool> condition, TimeSpan timeout, Func<string>? seen = null, TimeSpan? every = null) =>
        WaitUntilAsync(what, () => Task.FromResult(condition()), timeout, seen, every);
}
