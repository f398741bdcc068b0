using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Sessions.App.Addresses;

/// <summary>An address of one of this machine's network interfaces, with what the choice needs to know about it.</summary>
public sealed record InterfaceAddress(IPAddress Address, bool IsUp, bool IsLoopback, bool HasGateway)
{
    /// <summary>Every unicast address of every interface, read from the operating system.</summary>
    public static IReadOnlyList<InterfaceAddress> FromSystem()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(nic =>
                {
                    var properties = nic.GetIPProperties();
                    var hasGateway = properties.GatewayAddresses.Any(g => !g.Address.Equals(IPAddress.Any) && !g.Address.Equals(IPAddress.IPv6Any));
                    return properties.UnicastAddresses.Select(u => new InterfaceAddress(
                        u.Address,
                        nic.OperationalStatus == OperationalStatus.Up,
                        nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || IPAddress.IsLoopback(u.Address),
                        hasGateway));
                })
                .ToList();
        }
        catch (NetworkInformationException)
        {
            // A sandbox that hides its interfaces: no LAN address to offer, the board keeps the address it was opened with.
            return [];
        }
    }

    public bool IsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>10/8, 172.16/12, 192.168/16: the addresses a room's Wi-Fi hands out.</summary>
    public bool IsPrivateIPv4
    {
        get
        {
            if (!IsIPv4)
            {
                return false;
            }
            var b = Address.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168);
        }
    }

    /// <summary>169.254/16 and fe80::/10 only work on one link and need a zone: no use in a QR code.</summary>
    public bool IsLinkLocal => IsIPv4 ? Address.GetAddressBytes() is [169, 254, ..] : Address.IsIPv6LinkLocal;
}
