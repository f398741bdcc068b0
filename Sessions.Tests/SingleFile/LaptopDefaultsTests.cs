using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Sessions.App.Addresses;
using Sessions.App.Configuration;
using Sessions.App.SingleFile;

namespace Sessions.Tests.SingleFile;

/// <summary>The decisions the single file makes on a laptop, each on its own (SingleFileTests runs the whole file).</summary>
public sealed class LaptopDefaultsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Any_listen_address_given_the_usual_ways_is_kept()
    {
        Assert.False(SingleFileApp.ListenAddressIsConfigured(Settings()));
        Assert.True(SingleFileApp.ListenAddressIsConfigured(Settings(("urls", "http://127.0.0.1:6000"))));
        Assert.True(SingleFileApp.ListenAddressIsConfigured(Settings(("http_ports", "8080"))));
        Assert.True(SingleFileApp.ListenAddressIsConfigured(Settings(("https_ports", "8443"))));
        Assert.True(SingleFileApp.ListenAddressIsConfigured(Settings(("Kestrel:Endpoints:Http:Url", "http://*:7000"))));
    }

    [Fact]
    public void Only_the_built_in_connection_string_is_moved_to_the_users_data_folder()
    {
        Assert.True(SingleFileApp.DatabaseIsDefault(Settings()));
        Assert.True(SingleFileApp.DatabaseIsDefault(Settings(("ConnectionStrings:Sessions", "Data Source=data/sessions.db"))));
        Assert.False(SingleFileApp.DatabaseIsDefault(Settings(("ConnectionStrings:Sessions", "Data Source=/srv/sessions.db"))));
        Assert.False(SingleFileApp.DatabaseIsDefault(Settings(("ConnectionStrings:Sessions", "Host=db;Database=sessions"))));
    }

    [Fact]
    public void The_database_goes_to_the_users_data_folder_or_beside_the_file_when_there_is_none()
    {
        Assert.Equal(Path.Combine("/home/anna/.local/share", "Sessions", "sessions.db"), SingleFileApp.DatabaseFile("/home/anna/.local/share", "/opt/sessions"));
        Assert.Equal(Path.Combine("/opt/sessions", "sessions-data", "sessions.db"), SingleFileApp.DatabaseFile("", "/opt/sessions"));
    }

    [Fact]
    public void A_taken_port_moves_the_laptop_to_the_next_free_one()
    {
        // An ephemeral port is taken; the next one up is found free just before the question (ports are shared).
        for (var attempt = 0; ; attempt++)
        {
            using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            taken.Bind(new IPEndPoint(IPAddress.Any, 0));
            taken.Listen();
            var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
            if (port < IPEndPoint.MaxPort && IsFree(port + 1))
            {
                Assert.Equal(port + 1, SingleFileApp.FreePort(port, port + 1));
                Assert.Equal(port, SingleFileApp.FreePort(port, port));
                return;
            }
            Assert.True(attempt < 20, "found no free port next to a taken one");
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("Linux", ":0", null, null, null, true, true, "")]
    [InlineData("Linux", null, "wayland-0", null, null, true, true, "")]
    [InlineData("Linux", null, null, null, null, true, false, "there is no display")]
    [InlineData("Linux", ":0", null, "true", null, true, false, "this is a CI run")]
    [InlineData("Linux", ":0", null, null, "false", true, false, "Sessions:Standalone:OpenBrowser is false")]
    [InlineData("OSX", null, null, null, null, true, true, "")]
    [InlineData("Windows", null, null, null, null, true, true, "")]
    [InlineData("Windows", null, null, null, null, false, false, "there is no desktop session")]
    public void The_browser_opens_on_a_desktop_only(string os, string? display, string? wayland, string? ci, string? setting, bool interactive, bool open, string reason)
    {
        var environment = new Dictionary<string, string?> { ["DISPLAY"] = display, ["WAYLAND_DISPLAY"] = wayland, ["CI"] = ci };
        var settings = setting is null ? Settings() : Settings(("Sessions:Standalone:OpenBrowser", setting));

        var decision = BrowserLauncher.Decide(settings, name => environment.GetValueOrDefault(name), OSPlatform.Create(os.ToUpperInvariant()), interactive);

        Assert.Equal((open, reason), decision);
    }

    [Fact]
    public void Not_in_a_container_or_over_ssh()
    {
        Assert.Equal((false, "this runs in a container"), BrowserLauncher.Decide(Settings(), n => n is "DOTNET_RUNNING_IN_CONTAINER" ? "true" : n is "DISPLAY" ? ":0" : null, OSPlatform.Linux, true));
        Assert.Equal((false, "this runs over SSH"), BrowserLauncher.Decide(Settings(), n => n is "SSH_CONNECTION" ? "10.0.0.1 5000 10.0.0.2 22" : null, OSPlatform.OSX, true));
    }

    [Fact]
    public void Without_an_appsettings_file_beside_the_app_the_built_in_settings_apply()
    {
        var empty = Directory.CreateTempSubdirectory("sessions-settings-");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.UseTopLevelAppSettings(empty.FullName);

            Assert.Equal("Warning", configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"]);
            Assert.Equal("600", configuration["Sessions:RateLimits:JoinsPerMinutePerAddress"]);

            File.WriteAllText(Path.Combine(empty.FullName, "appsettings.json"), """{ "Sessions": { "RateLimits": { "JoinsPerMinutePerAddress": 5 } } }""");
            var beside = new ConfigurationManager();
            beside.UseTopLevelAppSettings(empty.FullName);

            Assert.Equal("5", beside["Sessions:RateLimits:JoinsPerMinutePerAddress"]);
            Assert.Null(beside["Logging:LogLevel:Microsoft.EntityFrameworkCore"]);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_start_up_text_names_this_computer_the_phones_address_and_the_data()
    {
        var text = StartBanner.Text(new Uri("http://localhost:5080/"), new PublicAddress("http://192.168.1.20:5080/", AddressOrigin.LanAddress), "/home/anna/.local/share/Sessions/sessions.db", "there is no display");

        Assert.Contains("On this computer:     http://localhost:5080/", text, StringComparison.Ordinal);
        Assert.Contains("Phones in the room:   http://192.168.1.20:5080/", text, StringComparison.Ordinal);
        Assert.Contains("Data:                 /home/anna/.local/share/Sessions/sessions.db", text, StringComparison.Ordinal);
        Assert.Contains("not opened here: there is no display", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_network_address_the_start_up_text_says_to_join_the_wi_fi()
    {
        var text = StartBanner.Text(new Uri("http://localhost:5080/"), new PublicAddress("http://localhost:5080/", AddressOrigin.AsOpened), "/tmp/s.db", null);

        Assert.Contains("no network address found", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Phones in the room:   http://localhost", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not opened here", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Listening_on_this_computer_only_the_start_up_text_says_so_rather_than_blaming_the_network()
    {
        var text = StartBanner.Text(new Uri("http://localhost:5080/"), new PublicAddress("http://localhost:5080/", AddressOrigin.AsOpened), "/tmp/s.db", null, loopbackOnly: true);

        Assert.Contains("listens on this computer only", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no network address found", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080/")]
    [InlineData("http://[::]:5081", "http://localhost:5081/")]
    [InlineData("http://127.0.0.1:5082", "http://localhost:5082/")]
    [InlineData("http://192.168.1.20:5083", "http://192.168.1.20:5083/")]
    public void The_page_to_open_here_is_on_the_port_listened_on(string listening, string expected) =>
        Assert.Equal(new Uri(expected), StartBanner.LocalUrl([listening]));

    [Fact]
    public void The_data_location_is_the_full_path_of_the_file_or_the_postgres_database_without_its_password()
    {
        Assert.Equal(Path.GetFullPath("data/sessions.db"), StartBanner.DatabaseLocation("Data Source=data/sessions.db"));
        var postgres = StartBanner.DatabaseLocation("Host=db.internal;Database=sessions;Username=s;Password=secret");
        Assert.Equal("the PostgreSQL database \"sessions\" on db.internal", postgres);
    }

    [Fact]
    public void A_port_in_use_an_unwritable_folder_and_a_broken_settings_file_are_told_in_a_sentence_with_what_to_do()
    {
        var port = StartFailure.Describe(new IOException("Failed to bind to address http://[::]:5080: address already in use.",
            new SocketException((int)SocketError.AddressAlreadyInUse)));
        var folder = StartFailure.Describe(new UnauthorizedAccessException("Access to the path '/home/anna/.local/share/Sessions' is denied."));
        var settings = StartFailure.Describe(new InvalidDataException("Failed to load configuration from file '/opt/sessions/appsettings.json'.",
            new FormatException("Could not parse the JSON file.")));

        Assert.StartsWith("Sessions could not start: Failed to bind to address http://[::]:5080: address already in use.", port, StringComparison.Ordinal);
        Assert.Contains("--urls http://0.0.0.0:5090", port, StringComparison.Ordinal);
        Assert.Contains("'/home/anna/.local/share/Sessions' is denied", folder, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Sessions", folder, StringComparison.Ordinal);
        Assert.Contains("'/opt/sessions/appsettings.json'. Could not parse the JSON file.", settings, StringComparison.Ordinal);
        Assert.Contains("Check the settings", settings, StringComparison.Ordinal);
        Assert.All([port, folder, settings], text => Assert.DoesNotContain("   at ", text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_copy_finds_the_data_held_and_the_address_of_the_first_and_after_it_ends_takes_the_data_itself()
    {
        var folder = Directory.CreateTempSubdirectory("sessions-instance-");
        var database = Path.Combine(folder.FullName, "Sessions", "sessions.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        try
        {
            // The first copy, as the operating system sees it: the lock file held exclusively, its address written.
            using (new FileStream(SingleInstance.LockFile(database), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                File.WriteAllText(SingleInstance.AddressFile(database), "http://localhost:5081/");

                Assert.False(SingleInstance.TryHold(database, out var runningAt));
                Assert.Equal(new Uri("http://localhost:5081/"), runningAt);
                Assert.Contains("open http://localhost:5081/ in a browser", new AlreadyRunningException(database, runningAt).Message, StringComparison.Ordinal);
            }

            Assert.True(SingleInstance.TryHold(database, out var none));
            Assert.Null(none);
            SingleInstance.Announce(new Uri("http://localhost:5080/"));
            Assert.Equal("http://localhost:5080/", File.ReadAllText(SingleInstance.AddressFile(database)));
            Assert.Throws<IOException>(() => new FileStream(SingleInstance.LockFile(database), FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
        }
        finally
        {
            SingleInstance.Release();
            folder.Delete(recursive: true);
        }
    }
}
