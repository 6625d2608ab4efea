using System.Globalization;

namespace NewsPipeline.FaultTests;

/// <summary>
/// How big the fault suite runs. The short set (the default, as in CI) runs every scenario once with 600 files and
/// store outages of 20 s; NEWSPIPELINE_FAULTS=full runs each 3 times (the fault at 10%, 40% and 70% of the files
/// done) with 1,000 files and outages of 60 s. NEWSPIPELINE_FAULTS_RUNS, _FILES, _BROKER_DOWN and _STORE_DOWN
/// (seconds) override one value of either set, e.g. a 10-minute store outage.
/// </summary>
internal sealed record FaultSettings(string Name, int Runs, int Files, int Workers, TimeSpan BrokerDown, TimeSpan StoreDown, TimeSpan Deadline)
{
    public const string Variable = "NEWSPIPELINE_FAULTS";

    public static FaultSettings Current { get; } = FromEnvironment();

    private static FaultSettings FromEnvironment()
    {
        var set = Environment.GetEnvironmentVariable(Variable) is "full"
            ? new FaultSettings("full", Runs: 3, Files: 1000, Workers: 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60))
            : new FaultSettings("short", Runs: 1, Files: 600, Workers: 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));
        static int? Number(string suffix) =>
            int.TryParse(Environment.GetEnvironmentVariable($"{Variable}_{suffix}"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
        return set with
        {
            Runs = Number("RUNS") ?? set.Runs,
            Files = Number("FILES") ?? set.Files,
            BrokerDown = Number("BROKER_DOWN") is { } broker ? TimeSpan.FromSeconds(broker) : set.BrokerDown,
            StoreDown = Number("STORE_DOWN") is { } store ? TimeSpan.FromSeconds(store) : set.StoreDown,
        };
    }

    /// <summary>The moment of the fault in run r (1-based): this share of the files done, cycling.</summary>
    public static double Moment(int run) => new[] { 0.1, 0.4, 0.7 }[(run - 1) % 3];

    public override string ToString() =>
        $"{Variable}={Name}: {Runs} run(s) per scenario, {Files} files, {Workers} workers, broker down {BrokerDown.TotalSeconds:0} s, "
        + $"store down {StoreDown.TotalSeconds:0} s, deadline {Deadline.TotalSeconds:0} s after the repair";
}
