using System.Globalization;

namespace NewsPipeline.IntegrationTests.Pipeline;

/// <summary>Reads Prometheus text exposition: the sum of a metric's samples whose labels include the given ones.</summary>
internal static class PrometheusText
{
    public static double Sum(string text, string metric, params (string Label, string Value)[] labels) =>
        Samples(text, metric).Where(s => labels.All(l => s.Labels.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal))).Sum(s => s.Value);

    public static bool Has(string text, string metric) => Samples(text, metric).Any();

    private static IEnumerable<(string Labels, double Value)> Samples(string text, string metric)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
                continue;
            var rest = line[metric.Length..];
            string labels;
            if (rest.StartsWith('{'))
            {
                var close = rest.IndexOf('}', StringComparison.Ordinal);
                labels = rest[..(close + 1)];
                rest = rest[(close + 1)..];
            }
            else if (rest.StartsWith(' '))
                labels = "";
            else
                continue; // another metric whose name starts with this one
            var value = rest.Trim().Split(' ')[0];
            yield return (labels, double.Parse(value, CultureInfo.InvariantCulture));
        }
    }
}
