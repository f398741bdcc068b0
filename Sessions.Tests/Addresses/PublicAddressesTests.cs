using System.Net;
using Microsoft.Extensions.Options;
using Sessions.App.Addresses;
using Sessions.App.Realtime;

namespace Sessions.Tests.Addresses;

/// <summary>
/// Which address the board's link and QR code show the room. Every input is made up here: the tests read no real
/// interface and connect to nothing (the addresses below are only compared as text).
/// </summary>
public sealed class PublicAddressesTests
{
    private static readonly InterfaceAddress Loopback = new(IPAddress.Loopback, IsUp: true, IsLoopback: true, HasGateway: false);
    private static readonly InterfaceAddress Wifi = new(IPAddress.Parse("192.168.1.23"), IsUp: true, IsLoopback: false, HasGateway: true);
    private static readonly InterfaceAddress DockerBridge = new(IPAddress.Parse("172.17.0.1"), IsUp: true, IsLoopback: false, HasGateway: false);
    private static readonly InterfaceAddress DownCable = new(IPAddress.Parse("10.0.0.5"), IsUp: false, IsLoopback: false, HasGateway: true);
    private static readonly InterfaceAddress LinkLocal = new(IPAddress.Parse("169.254.10.10"), IsUp: true, IsLoopback: false, HasGateway: false);
    private static readonly InterfaceAddress LinkLocalV6 = new(IPAddress.Parse("fe80::1"), IsUp: true, IsLoopback: false, HasGateway: false);
    private static readonly InterfaceAddress Public = new(IPAddress.Parse("84.12.3.4"), IsUp: true, IsLoopback: false, HasGateway: true);

    private sealed class FakeSources(string[] listen, InterfaceAddress[] interfaces) : IAddressSources
    {
        public int InterfaceReads { get; private set; }

        public IReadOnlyCollection<string> ListenAddresses() => listen;

        public IReadOnlyList<InterfaceAddress> InterfaceAddresses()
        {
            InterfaceReads++;
            return interfaces;
        }
    }

    private static PublicAddresses Service(string[] listen, InterfaceAddress[] interfaces, string publicBaseUrl = "") =>
        new(new FakeSources(listen, interfaces), Options.Create(new RealtimeOptions { PublicBaseUrl = publicBaseUrl }));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://*:5080")]
    public void Board_opened_on_localhost_of_a_server_on_every_interface_shows_the_lan_address(string listen)
    {
        var chosen = Service([listen], [Loopback, DockerBridge, Wifi]).For("http://localhost:5080/");

        Assert.Equal("http://192.168.1.23:5080/", chosen.BaseUri);
        Assert.Equal(AddressOrigin.LanAddress, chosen.Origin);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://[::1]:5080/")]
    [InlineData("http://localhost:5080/")]
    public void Every_loopback_form_of_the_board_address_is_replaced(string openedWith)
    {
        Assert.Equal("http://192.168.1.23:5080/", Service(["http://0.0.0.0:5080"], [Wifi]).For(openedWith).BaseUri);
    }

    [Fact]
    public void A_private_address_on_an_interface_that_is_up_wins_over_down_link_local_and_public_ones()
    {
        var chosen = Service(["http://0.0.0.0:5080"], [Public, DownCable, LinkLocal, LinkLocalV6, Loopback, Wifi]).For("http://localhost:5080/");

        Assert.Equal("http://192.168.1.23:5080/", chosen.BaseUri);
    }

    [Fact]
    public void Of_two_private_addresses_the_one_with_a_gateway_wins_over_a_container_bridge()
    {
        Assert.Equal("http://192.168.1.23:5080/", Service(["http://0.0.0.0:5080"], [DockerBridge, Wifi]).For("http://localhost:5080/").BaseUri);
    }

    [Fact]
    public void Configured_public_base_url_always_wins()
    {
        var service = Service(["http://0.0.0.0:5080"], [Wifi], publicBaseUrl: "https://workshop.example.org/sessions");

        var chosen = service.For("http://localhost:5080/");

        Assert.Equal("https://workshop.example.org/sessions/", chosen.BaseUri);
        Assert.Equal(AddressOrigin.Configured, chosen.Origin);
        Assert.Equal("https://workshop.example.org/sessions/", service.For("http://192.168.1.23:5080/").BaseUri);
    }

    [Fact]
    public void Board_opened_through_an_address_the_room_can_use_keeps_it_without_reading_interfaces()
    {
        var sources = new FakeSources(["http://0.0.0.0:5080"], [Wifi]);
        var service = new PublicAddresses(sources, Options.Create(new RealtimeOptions()));

        var chosen = service.For("http://10.1.2.3:5080/");

        Assert.Equal(new PublicAddress("http://10.1.2.3:5080/", AddressOrigin.AsOpened), chosen);
        Assert.Equal(0, sources.InterfaceReads);
    }

    [Fact]
    public void Server_on_loopback_only_keeps_the_address_as_opened_and_says_phones_cannot_reach_it()
    {
        var service = Service(["http://localhost:5080"], [Wifi]);

        Assert.Equal(new PublicAddress("http://localhost:5080/", AddressOrigin.AsOpened), service.For("http://localhost:5080/"));
        Assert.True(service.PhonesCannotReach);
        Assert.True(Service(["http://127.0.0.1:5080", "http://[::1]:5080"], [Wifi]).PhonesCannotReach);
    }

    [Fact]
    public void No_warning_when_the_room_can_reach_the_server_or_the_listen_addresses_are_unknown()
    {
        Assert.False(Service(["http://0.0.0.0:5080"], [Wifi]).PhonesCannotReach);
        Assert.False(Service(["http://localhost:5080", "http://192.168.1.23:5080"], [Wifi]).PhonesCannotReach);
        Assert.False(Service(["http://localhost:5080"], [Wifi], publicBaseUrl: "http://192.168.1.23:5080").PhonesCannotReach);
        // An in-memory test server reports no addresses: nothing to warn about.
        Assert.False(Service([], [Wifi]).PhonesCannotReach);
    }

    [Fact]
    public void A_specific_lan_address_the_server_listens_on_is_used_as_it_is()
    {
        var chosen = Service(["http://localhost:5080", "http://192.168.1.50:5080"], [Wifi]).For("http://localhost:5080/");

        Assert.Equal(new PublicAddress("http://192.168.1.50:5080/", AddressOrigin.ListenAddress), chosen);
    }

    [Fact]
    public void The_wildcard_address_of_the_scheme_the_board_was_opened_with_gives_the_port()
    {
        var service = Service(["https://[::]:5443", "http://0.0.0.0:5080"], [Wifi]);

        Assert.Equal("http://192.168.1.23:5080/", service.For("http://localhost:5080/").BaseUri);
        Assert.Equal("https://192.168.1.23:5443/", service.For("https://localhost:5443/").BaseUri);
        Assert.Equal("http://192.168.1.23/", Service(["http://0.0.0.0:80"], [Wifi]).For("http://localhost/").BaseUri);
    }

    [Fact]
    public void Without_any_usable_interface_address_the_board_keeps_the_address_it_was_opened_with()
    {
        var chosen = Service(["http://0.0.0.0:5080"], [Loopback, DownCable, LinkLocal]).For("http://localhost:5080/");

        Assert.Equal(new PublicAddress("http://localhost:5080/", AddressOrigin.AsOpened), chosen);
    }

    [Fact]
    public void A_global_ipv6_address_is_bracketed_when_no_ipv4_address_is_there()
    {
        var v6 = new InterfaceAddress(IPAddress.Parse("2001:db8::23"), IsUp: true, IsLoopback: false, HasGateway: true);

        Assert.Equal("http://[2001:db8::23]:5080/", Service(["http://[::]:5080"], [v6]).For("http://localhost:5080/").BaseUri);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http", "0.0.0.0", 5080, true, false)]
    [InlineData("http://[::]:5080", "http", "::", 5080, true, false)]
    [InlineData("http://+:5080", "http", "+", 5080, true, false)]
    [InlineData("https://localhost", "https", "localhost", 443, false, true)]
    [InlineData("http://[::1]:8080/base", "http", "::1", 8080, false, true)]
    [InlineData("http://127.0.0.1:1", "http", "127.0.0.1", 1, false, true)]
    public void Listen_addresses_as_kestrel_reports_them_are_understood(string text, string scheme, string host, int port, bool wildcard, bool loopback)
    {
        var parsed = ListenAddress.Parse(text);

        Assert.Equal(new ListenAddress(scheme, host, port), parsed);
        Assert.Equal((wildcard, loopback), (parsed!.IsWildcard, parsed.IsLoopback));
    }
}
