using System.Net;
using System.Net.Sockets;
using NewsPipeline.Hosting;

namespace NewsPipeline.Tests;

public sealed class HttpOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:8080/")]
    [InlineData("https://[::1]:5443")]
    public void Validate_Address_Succeeds(string url) => Assert.True(new HttpOptionsValidator().Validate(null, new HttpOptions { Url = url }).Succeeded);

    [Theory]
    [InlineData("nonsense")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:5080/dashboard")]
    public void Validate_NotAnAddress_NamesTheKey(string url)
    {
        var result = new HttpOptionsValidator().Validate(null, new HttpOptions { Url = url });
        Assert.True(result.Failed);
        Assert.Contains("Http:Url", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(url, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokenFileMissingOrEmpty_NamesTheKey()
    {
        var empty = Path.GetTempFileName();
        try
        {
            foreach (var file in new[] { empty, empty + ".missing" })
            {
                var result = new HttpOptionsValidator().Validate(null, new HttpOptions { AccessTokenFile = file });
                Assert.True(result.Failed, file);
                Assert.Contains("Http:AccessTokenFile", result.FailureMessage, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(empty);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    public void IsLoopback_TellsAddressesOnlyThisMachineReaches(string url, bool loopback) =>
        Assert.Equal(loopback, new HttpOptions { Url = url }.IsLoopback());

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
