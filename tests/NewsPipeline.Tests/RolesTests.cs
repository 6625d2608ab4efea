using Microsoft.Extensions.Configuration;
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
        Assert.Equal("InMemory", new BusOptions().ResolveTransport(Roles.All));
        Assert.Equal("RabbitMq", new BusOptions().ResolveTransport(Roles.Parse("worker")));
        Assert.Equal("RabbitMq", new BusOptions { Transport = "rabbitmq" }.ResolveTransport(Roles.All));
    }

    [Theory]
    [InlineData("InMemory", "sink", "RabbitMq")]
    [InlineData("Kafka", "all", "Kafka")]
    public void Build_TransportUnfitForTheRoles_FailsNamingTheKey(string transport, string roles, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PipelineHost.Build(Roles.Parse(roles), new Dictionary<string, string?> { ["Bus:Transport"] = transport }));
        Assert.Contains("Bus:Transport", error.Message);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Build_RecoveryTimeoutNotPositive_FailsNamingTheKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PipelineHost.Build(Roles.Parse("worker"), new Dictionary<string, string?> { ["Bus:RecoveryTimeout"] = "00:00:00" }));
        Assert.Contains("Bus:RecoveryTimeout", error.Message);
    }

    [Fact]
    public void IsBadValue_TheBindersConversionError_IsTold_OtherErrorsAreNot()
    {
        var configuration = AppConfiguration.Load(new Dictionary<string, string?> { ["Host:ShutdownTimeout"] = "abc" });
        var error = Assert.Throws<InvalidOperationException>(() => configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>());

        Assert.True(AppConfiguration.IsBadValue(error));
        Assert.False(AppConfiguration.IsBadValue(new InvalidOperationException("Failed to convert configuration value, says someone else")));
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
    [InlineData("Tracing:OtlpEndpoint", "not a url")]
    [InlineData("Tracing:OtlpProtocol", "carrier-pigeon")]
    [InlineData("Http:Url", "localhost:5080")]
    public void Build_BadMetricsOrHttpSetting_FailsNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            PipelineHost.Build(Roles.All, new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(key, error.Message);
    }
}
