using Microsoft.Extensions.Options;
using NewsPipeline.Hosting;

namespace NewsPipeline.Tests;

public sealed class RolesTests
{
    [Theory]
    [InlineData("all", true, true, true)]
    [InlineData("watcher", true, false, false)]
    [InlineData("Worker", false, true, false)]
    [InlineData("sink", false, false, true)]
    [InlineData("worker, sink", false, true, true)]
    public void Parse_KnownRoles_SelectsThem(string value, bool watcher, bool worker, bool sink) =>
        Assert.Equal(new Roles(watcher, worker, sink), Roles.Parse(value));

    [Theory]
    [InlineData("printer")]
    [InlineData("")]
    [InlineData(" , ")]
    public void Parse_UnknownOrEmpty_ThrowsWithClearMessage(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Roles.Parse(value));
        Assert.Contains("role", error.Message);
    }

    [Fact]
    public void ResolveTransport_Defaults_InMemoryForAllRabbitForOneRole()
    {
        Assert.Equal("InMemory", PipelineHost.ResolveTransport(new BusOptions(), Roles.All));
        Assert.Equal("RabbitMq", PipelineHost.ResolveTransport(new BusOptions(), Roles.Parse("worker")));
        Assert.Equal("RabbitMq", PipelineHost.ResolveTransport(new BusOptions { Transport = "rabbitmq" }, Roles.All));
    }

    [Fact]
    public void ResolveTransport_InMemoryForSeparateRole_FailsValidation()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PipelineHost.ResolveTransport(new BusOptions { Transport = "InMemory" }, Roles.Parse("sink")));
        Assert.Contains("RabbitMq", error.Message);
        Assert.Throws<OptionsValidationException>(() => PipelineHost.ResolveTransport(new BusOptions { Transport = "Kafka" }, Roles.All));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:00")]
    public void Build_ShutdownTimeoutNotPositive_FailsNamingTheKey(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PipelineHost.Build(Roles.All, new Dictionary<string, string?> { ["Host:ShutdownTimeout"] = value }));
        Assert.Contains("Host:ShutdownTimeout", error.Message);
    }

    [Theory]
    [InlineData("Metrics:OtlpEndpoint", "not a url")]
    [InlineData("Metrics:OtlpProtocol", "carrier-pigeon")]
    [InlineData("Http:Url", "localhost:5080")]
    public void Build_BadMetricsOrHttpSetting_FailsNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PipelineHost.Build(Roles.All, new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(key, error.Message);
    }
}
