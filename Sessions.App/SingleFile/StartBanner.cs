using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sessions.App.Addresses;
using Sessions.Core.Data;
using Sessions.Core.Services;

namespace Sessions.App.SingleFile;

/// <summary>
/// Once the server listens: logs where the data lives (every run), and in the single file prints for the
/// facilitator the address of this computer, the address phones use and the database file, then opens the start page.
/// </summary>
public sealed class StartBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    PublicAddresses publicAddresses,
    IConfiguration configuration,
    ILogger<StartBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(OnStarted);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnStarted()
    {
        var database = DatabaseLocation(configuration.GetConnectionString("Sessions"));
        logger.LogInformation("Sessions keeps its data in {Database}", database);
        if (!SingleFileApp.IsSingleFile)
        {
            return;
        }
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var local = LocalUrl(listening);
        var phones = local is null ? null : publicAddresses.For(local.AbsoluteUri);
        var (open, whyNot) = BrowserLauncher.Decide(configuration, Environment.GetEnvironmentVariable, BrowserLauncher.CurrentPlatform, Environment.UserInteractive);
        if (local is not null)
        {
            SingleInstance.Announce(local);
        }
        var opened = open && local is not null && BrowserLauncher.TryOpen(local, logger);
        Console.Out.Write(Text(local, phones, database, opened ? null : whyNot, publicAddresses.PhonesCannotReach));
        Console.Out.Flush();
    }

    /// <summary>What the facilitator reads in the window the file opened.</summary>
    public static string Text(Uri? local, PublicAddress? phones, string database, string? browserNotOpened, bool loopbackOnly = false)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine();
        text.AppendLine("Sessions is running.");
        if (local is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  On this computer:     {local}");
        }
        if (phones is { Origin: AddressOrigin.LanAddress or AddressOrigin.ListenAddress or AddressOrigin.Configured })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Phones in the room:   {phones.BaseUri}   (on the same Wi-Fi; the board shows it as a QR code)");
        }
        else if (loopbackOnly)
        {
            text.AppendLine("  Phones in the room:   none: Sessions listens on this computer only. Start it without --urls (every interface),");
            text.AppendLine("                        or with --urls http://0.0.0.0:5080.");
        }
        else
        {
            text.AppendLine("  Phones in the room:   no network address found. Connect this computer to the room's Wi-Fi and start Sessions again.");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"  Data:                 {database}");
        if (local is not null && browserNotOpened is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Open {local} in a browser (not opened here: {browserNotOpened}).");
        }
        text.AppendLine("  To stop: press Ctrl+C or close this window.");
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The address to open on this computer: loopback on the port of the first address listened on.</summary>
    public static Uri? LocalUrl(IEnumerable<string> listening)
    {
        var first = listening.Select(ListenAddress.Parse).OfType<ListenAddress>().OrderBy(a => a.Scheme == "https").FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        var host = first.IsWildcard || first.IsLoopback ? "localhost" : first.Host.Contains(':', StringComparison.Ordinal) ? $"[{first.Host}]" : first.Host;
        return new Uri($"{first.Scheme}://{host}:{first.Port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>The SQLite file's full path, or which PostgreSQL database (never its password).</summary>
    public static string DatabaseLocation(string? connectionString)
    {
        try
        {
            var (provider, resolved) = SessionsDatabase.Resolve(connectionString, ServiceCollectionExtensions.DefaultConnectionString);
            if (provider == DatabaseProvider.Sqlite)
            {
                var dataSource = new SqliteConnectionStringBuilder(resolved).DataSource;
                return dataSource == ":memory:" ? "memory (nothing is kept)" : Path.GetFullPath(dataSource);
            }
            var postgres = new NpgsqlConnectionStringBuilder(resolved);
            return $"the PostgreSQL database \"{postgres.Database}\" on {postgres.Host}";
        }
        catch (InvalidOperationException)
        {
            return "(the connection string cannot be read)";
        }
    }
}
