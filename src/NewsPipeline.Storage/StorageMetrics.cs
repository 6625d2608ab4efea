using System.Diagnostics.Metrics;

namespace NewsPipeline.Storage;

/// <summary>The storage library's instruments (meter <see cref="MeterName"/>): learned boilerplate lines.</summary>
public sealed class StorageMetrics : IDisposable
{
    public const string MeterName = "NewsPipeline.Storage";

    private readonly Meter _meter;

    public StorageMetrics(PersistentBoilerplateStore boilerplate, IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("newspipeline.boilerplate.lines", () => boilerplate.KnownCount, "{line}",
            "Lines known as site boilerplate (recurring word for word across articles), stripped from plain text");
    }

    public void Dispose() => _meter.Dispose();
}
