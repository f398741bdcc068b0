using System.Net;

namespace Sessions.App.Addresses;

/// <summary>
/// One address the server listens on, as Kestrel reports it ("http://0.0.0.0:5080", "http://[::]:5080",
/// "http://+:5080", "http://localhost:5080"). Parsed by hand: "+" and "*" are not hosts <see cref="Uri"/> accepts.
/// </summary>
public sealed record ListenAddress(string Scheme, string Host, int Port)
{
    /// <summary>Listens on every interface: reachable from the room through the machine's LAN address.</summary>
    public bool IsWildcard => Host is "0.0.0.0" or "::" or "+" or "*";

    /// <summary>Listens on this machine only: no phone can reach it.</summary>
    public bool IsLoopback => IsLoopbackHost(Host);

    public static ListenAddress? Parse(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }
        var scheme = address[..schemeEnd].ToLowerInvariant();
        var rest = address[(schemeEnd + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        string host;
        string? port;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }
            host = authority[1..close];
            port = authority.Length > close + 2 && authority[close + 1] == ':' ? authority[(close + 2)..] : null;
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority[..colon] : authority;
            port = colon >= 0 ? authority[(colon + 1)..] : null;
        }
        var number = port is null ? (scheme == "https" ? 443 : 80) : int.TryParse(port, out var p) ? p : -1;
        return host.Length == 0 || number is <= 0 or > 65535 ? null : new ListenAddress(scheme, host, number);
    }

    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
