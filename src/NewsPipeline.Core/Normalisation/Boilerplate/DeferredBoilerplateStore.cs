using System.Collections.Concurrent;

namespace NewsPipeline.Core.Normalisation.Boilerplate;

/// <summary>
/// Holds observations back until <see cref="Apply"/>: every article analysed between two calls sees the same learned
/// lines, whatever order parallel analysis ran them in. `process` applies after each chunk, so two runs over one folder
/// learn, and strip, exactly the same lines.
/// </summary>
public sealed class DeferredBoilerplateStore(IBoilerplateStore inner) : IBoilerplateStore
{
    private readonly ConcurrentQueue<BoilerplateObservation> _pending = new();

    public bool IsBoilerplate(ulong lineHash) => inner.IsBoilerplate(lineHash);

    public void Observe(BoilerplateObservation observation) => _pending.Enqueue(observation);

    /// <summary>Passes the held observations on in a fixed order (by article signature), independent of arrival.</summary>
    public void Apply()
    {
        var drained = new List<BoilerplateObservation>();
        while (_pending.TryDequeue(out var observation))
            drained.Add(observation);
        foreach (var observation in drained.OrderBy(o => o.ArticleSignature))
            inner.Observe(observation);
    }
}
