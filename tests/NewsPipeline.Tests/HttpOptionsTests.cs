using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using NewsPipeline.Hosting;

namespace NewsPipeline.Tests;

public sealed class HttpOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:8080/")]
    [InlineData("https://[::1]:5443")]
    public void Validated_Address_IsKept(string url) => Assert.Equal(url, new HttpOptions { Url = url }.Validated());

    [Theory]
    [InlineData("nonsense")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:5080/dashboard")]
    public void Validated_NotAnAddress_NamesTheKey(string url)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new HttpOptions { Url = url }.Validated());
        Assert.Contains("Http:Url", error.Message, StringComparison.Ordinal);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PortCheck_PortTaken_SaysSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var busy = PortCheck.Busy(url);

        Assert.NotNull(busy);
        Assert.Contains("already in use", busy.Value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PortCheck_PortFree_IsNull()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Assert.Null(PortCheck.Busy($"http://127.0.0.1:{port}"));
    }
}
