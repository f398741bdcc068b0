using System.Net;
using System.Net.Sockets;
using Sessions.Core.Services;

namespace Sessions.App.SingleFile;

/// <summary>
/// What changes when Sessions runs as the self-contained single file a facilitator starts on a laptop
/// (scripts/package.sh): it listens on every interface so that phones on the venue's Wi-Fi reach it, keeps its
/// database in the user's data folder rather than wherever it was started from, serves its web root from
/// inside itself, prints where everything is and opens the start page. Anything configured wins.
/// </summary>
public static class SingleFileApp
{
    public const string Section = "Sessions:Standalone";

    /// <summary>The port a laptop listens on when nothing says otherwise; the next free one up to <see cref="LastPort"/> if taken.</summary>
    public const int FirstPort = 5080;
    public const int LastPort = 5089;

    /// <summary>True in the single-file build: the one that carries its web root (SingleFile.targets).</summary>
    public static bool IsSingleFile { get; } = EmbeddedWebRoot.In(typeof(SingleFileApp).Assembly) is not null;

    /// <summary>Applies the laptop defaults to <paramref name="builder"/> when this is the single file.</summary>
    public static void UseSingleFileDefaults(WebApplicationBuilder builder)
    {
        if (!IsSingleFile)
        {
            return;
        }
        if (DatabaseIsDefault(builder.Configuration))
        {
            var file = DatabaseFile(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), AppContext.BaseDirectory);
            // Before a port is chosen: a second copy must not take the next free one.
            if (!SingleInstance.TryHold(file, out var runningAt))
            {
                throw new AlreadyRunningException(file, runningAt);
            }
            builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:Sessions", $"Data Source={file}")]);
        }
        if (!ListenAddressIsConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls($"http://0.0.0.0:{FreePort(FirstPort, LastPort)}");
        }
    }

    /// <summary>An address to listen on given in any of the ways ASP.NET Core reads one (settings, environment, command line).</summary>
    public static bool ListenAddressIsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>The connection string is the built-in one (a relative file in the working folder): replace it by the data folder.</summary>
    public static bool DatabaseIsDefault(IConfiguration configuration) =>
        configuration.GetConnectionString("Sessions") is not { Length: > 0 } configured
        || string.Equals(configured.Trim(), ServiceCollectionExtensions.DefaultConnectionString, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The user's own data folder (~/.local/share/Sessions on Linux, ~/Library/Application Support/Sessions on a Mac,
    /// %LOCALAPPDATA%\Sessions on Windows): a download folder gets tidied and a Mac may start a downloaded program from
    /// a read-only copy. Beside the file only when the system names no such folder.
    /// </summary>
    public static string DatabaseFile(string? localApplicationData, string besideTheFile) =>
        string.IsNullOrWhiteSpace(localApplicationData)
            ? Path.Combine(besideTheFile, "sessions-data", "sessions.db")
            : Path.Combine(localApplicationData, "Sessions", "sessions.db");

    /// <summary>The first port from <paramref name="first"/> to <paramref name="last"/> that nothing listens on; <paramref name="first"/> if none is (Kestrel then says so).</summary>
    public static int FreePort(int first, int last)
    {
        for (var port = first; port <= last; port++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(IPAddress.Any, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }
        return first;
    }
}
