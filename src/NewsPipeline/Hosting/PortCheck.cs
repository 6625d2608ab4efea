using System.Net;
using System.Net.Sockets;

namespace NewsPipeline.Hosting;

/// <summary>Whether the Http:Url port can be listened on, asked before the host starts anything.</summary>
internal static class PortCheck
{
    public static (string Url, string Reason)? Busy(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return null;
        var address = uri.Host is "localhost" ? IPAddress.Loopback
            : uri.Host is "*" or "+" ? IPAddress.Any
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;
        if (address is null)
            return null; // a host name: Kestrel resolves it, and reports what it finds
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, uri.Port));
            return null;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied or SocketError.AddressNotAvailable)
        {
            return (url, e.SocketErrorCode == SocketError.AddressAlreadyInUse ? $"port {uri.Port} is already in use by another process" : e.Message);
        }
    }
}
