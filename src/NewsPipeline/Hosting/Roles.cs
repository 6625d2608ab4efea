namespace NewsPipeline.Hosting;

/// <summary>Which parts of the pipeline this process runs.</summary>
public sealed record Roles(bool Watcher, bool Worker, bool Sink)
{
    public static readonly Roles All = new(true, true, true);

    public bool IsEmbedded => Watcher && Worker && Sink;

    /// <summary>Parses "all" or a comma-separated list of watcher, worker, sink.</summary>
    public static Roles Parse(string value)
    {
        var roles = new Roles(false, false, false);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles = part.ToLowerInvariant() switch
            {
                "all" => All,
                "watcher" => roles with { Watcher = true },
                "worker" => roles with { Worker = true },
                "sink" => roles with { Sink = true },
                _ => throw new ArgumentException($"unknown role '{part}': use all, watcher, worker or sink (comma-separated)"),
            };
        }
        return roles == new Roles(false, false, false) ? throw new ArgumentException("no role given") : roles;
    }

    public override string ToString() => IsEmbedded ? "all"
        : string.Join(',', new[] { Watcher ? "watcher" : null, Worker ? "worker" : null, Sink ? "sink" : null }.OfType<string>());
}
