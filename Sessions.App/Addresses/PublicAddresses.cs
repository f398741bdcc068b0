using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Sessions.App.Realtime;

namespace Sessions.App.Addresses;

/// <summary>Where the addresses come from: the running server and the operating system, or a test's own lists.</summary>
public interface IAddressSources
{
    IReadOnlyCollection<string> ListenAddresses();

    IReadOnlyList<InterfaceAddress> InterfaceAddresses();
}

/// <summary>The real sources: Kestrel's bound addresses and the machine's network interfaces.</summary>
public sealed class ServerAddressSources(IServer server) : IAddressSources
{
    public IReadOnlyCollection<string> ListenAddresses() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public IReadOnlyList<InterfaceAddress> InterfaceAddresses() => InterfaceAddress.FromSystem();
}

/// <summary>How the address for the room was found.</summary>
public enum AddressOrigin
{
    /// <summary>Sessions:Realtime:PublicBaseUrl.</summary>
    Configured,

    /// <summary>The address the page was opened with (already one the room can use, or nothing better known).</summary>
    AsOpened,

    /// <summary>The machine's LAN address, because the page was opened through loopback but the server listens on every interface.</summary>
    LanAddress,

    /// <summary>A specific non-loopback address the server listens on.</summary>
    ListenAddress,
}

public sealed record PublicAddress(string BaseUri, AddressOrigin Origin);

/// <summary>
/// The address phones should use, for the board's link and QR code. A facilitator who opens the board on
/// http://localhost:5080 must not show the room "localhost": when the server listens on all interfaces the
/// board shows the machine's LAN address instead, and a configured PublicBaseUrl always wins.
/// </summary>
public sealed class PublicAddresses(IAddressSources sources, IOptions<RealtimeOptions> options)
{
    /// <summary>The base address (ending in "/") for links the room opens, given the address this page was opened with.</summary>
    public PublicAddress For(string openedWith) =>
        Choose(openedWith, options.Value.PublicBaseUrl, sources.ListenAddresses(), sources.InterfaceAddresses);

    /// <summary>
    /// True when the server listens on loopback only and no PublicBaseUrl is set: phones in the room cannot reach it.
    /// Unknown listen addresses (an in-memory test server) are not a reason to warn.
    /// </summary>
    public bool PhonesCannotReach => PhonesCannotReachWith(options.Value.PublicBaseUrl, sources.ListenAddresses());

    /// <summary>What the server's own log says at start when <see cref="PhonesCannotReach"/>.</summary>
    public const string LoopbackOnlyHint =
        "Phones cannot reach Sessions: it listens on this computer only. To let the room join, start it with "
        + "--urls http://0.0.0.0:5080 (every interface), or set Sessions:Realtime:PublicBaseUrl to an address the room can reach.";

    public static bool PhonesCannotReachWith(string? publicBaseUrl, IReadOnlyCollection<string> listenAddresses)
    {
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return false;
        }
        var parsed = listenAddresses.Select(ListenAddress.Parse).OfType<ListenAddress>().ToList();
        return parsed.Count > 0 && parsed.All(a => a.IsLoopback);
    }

    public static PublicAddress Choose(
        string openedWith,
        string? publicBaseUrl,
        IReadOnlyCollection<string> listenAddresses,
        Func<IReadOnlyList<InterfaceAddress>> interfaceAddresses)
    {
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return new PublicAddress(WithSlash(publicBaseUrl.Trim()), AddressOrigin.Configured);
        }
        var opened = WithSlash(openedWith);
        if (!Uri.TryCreate(opened, UriKind.Absolute, out var openedUri) || !ListenAddress.IsLoopbackHost(openedUri.Host))
        {
            // Opened through a name or address the room can already use (the facilitator's LAN address, a host name).
            return new PublicAddress(opened, AddressOrigin.AsOpened);
        }
        var listening = listenAddresses.Select(ListenAddress.Parse).OfType<ListenAddress>()
            .OrderByDescending(a => a.Scheme == openedUri.Scheme)
            .ThenByDescending(a => a.Port == openedUri.Port)
            .ToList();
        if (listening.FirstOrDefault(a => !a.IsWildcard && !a.IsLoopback) is { } specific)
        {
            return new PublicAddress(Root(specific.Scheme, specific.Host, specific.Port, openedUri), AddressOrigin.ListenAddress);
        }
        if (listening.FirstOrDefault(a => a.IsWildcard) is { } wildcard && Best(interfaceAddresses()) is { } lan)
        {
            var host = lan.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{lan.Address}]" : lan.Address.ToString();
            return new PublicAddress(Root(wildcard.Scheme, host, wildcard.Port, openedUri), AddressOrigin.LanAddress);
        }
        return new PublicAddress(opened, AddressOrigin.AsOpened);
    }

    /// <summary>
    /// A private IPv4 address on an interface that is up and not loopback, preferring one with a gateway
    /// (the Wi-Fi or wired LAN rather than a container bridge); any other IPv4, then a global IPv6, as a last resort.
    /// </summary>
    private static InterfaceAddress? Best(IReadOnlyList<InterfaceAddress> addresses) =>
        addresses
            .Where(a => a.IsUp && !a.IsLoopback && !a.IsLinkLocal && !a.Address.IsIPv6Multicast)
            .OrderByDescending(a => a.IsPrivateIPv4)
            .ThenByDescending(a => a.IsIPv4)
            .ThenByDescending(a => a.HasGateway)
            .FirstOrDefault();

    private static string Root(string scheme, string host, int port, Uri opened)
    {
        var defaultPort = scheme == "https" ? 443 : 80;
        var authority = port == defaultPort ? host : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
        return WithSlash($"{scheme}://{authority}{opened.AbsolutePath}");
    }

    private static string WithSlash(string uri) => uri.EndsWith('/') ? uri : uri + "/";
}
