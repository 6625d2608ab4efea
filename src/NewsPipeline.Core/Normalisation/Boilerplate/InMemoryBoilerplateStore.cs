namespace NewsPipeline.Core.Normalisation.Boilerplate;

/// <summary>
/// Thread-safe learned boilerplate held in memory: for one process (the `process` command, evaluation, tests) or as the
/// cache in front of a persistent store. Remembers up to <c>minArticles</c> article signatures per line.
/// </summary>
public sealed class InMemoryBoilerplateStore(int minArticles = BoilerplateLines.DefaultMinArticles) : IBoilerplateStore
{
    // Most lines are seen once; past this many tracked lines the candidates start over (known boilerplate stays), so a
    // long-running worker's memory stays bounded at the cost of relearning a slow-recurring line.
    private const int MaxTrackedLines = 1_000_000;

    private readonly Dictionary<ulong, List<ulong>> _signaturesByLine = [];
    private readonly HashSet<ulong> _known = [];
    private readonly Lock _gate = new();

    public int MinArticles { get; } = minArticles > 1 ? minArticles : throw new ArgumentOutOfRangeException(nameof(minArticles), "at least 2");

    public bool IsBoilerplate(ulong lineHash)
    {
        lock (_gate) return _known.Contains(lineHash);
    }

    public void Observe(BoilerplateObservation observation)
    {
        lock (_gate)
        {
            foreach (var line in observation.LineHashes)
            {
                if (_known.Contains(line)) continue;
                if (!_signaturesByLine.TryGetValue(line, out var signatures))
                {
                    if (_signaturesByLine.Count >= MaxTrackedLines) _signaturesByLine.Clear();
                    _signaturesByLine[line] = signatures = [];
                }
                if (signatures.Contains(observation.ArticleSignature)) continue;
                signatures.Add(observation.ArticleSignature);
                if (signatures.Count < MinArticles) continue;
                _known.Add(line);
                _signaturesByLine.Remove(line);
            }
        }
    }

    /// <summary>Marks lines as known boilerplate (a persistent store loading what it learned before).</summary>
    public void AddKnown(IEnumerable<ulong> lineHashes)
    {
        lock (_gate)
            foreach (var line in lineHashes)
            {
                _known.Add(line);
                _signaturesByLine.Remove(line);
            }
    }

    public int KnownCount
    {
        get { lock (_gate) return _known.Count; }
    }
}
