using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Browser;

/// <summary>
/// The app behind a <see cref="TcpProxy"/> the tests control, with circuits kept only a few seconds after their
/// connection drops (a phone asleep longer than that comes back to a server that forgot its circuit).
/// </summary>
public sealed class OfflineFixture : IAsyncLifetime
{
    /// <summary>How long the server keeps a disconnected circuit in these tests.</summary>
    public static readonly TimeSpan CircuitRetention = TimeSpan.FromSeconds(5);

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;
    public SessionsAppFactory App { get; private set; } = default!;
    public TcpProxy Proxy { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = SessionsAppFactory.OnKestrel(services => services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = CircuitRetention));
        Proxy = new TcpProxy(new Uri(App.RootUri));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A page of one person; <paramref name="throughProxy"/> puts its network under the test's control.</summary>
    public async Task<IPage> NewPageAsync(int width, int height, bool throughProxy, string? rootUri = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = rootUri ?? (throughProxy ? Proxy.RootUri : App.RootUri),
            Locale = width < 800 ? "nl-NL" : "en-GB",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        // What the pages log (a script error in the outbox, say), for whoever reads a failure.
        page.Console += (_, message) =>
        {
            lock (Log)
            {
                Log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {page.Url} {message.Type}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>What the server holds for a session, read from its own services.</summary>
    public Task<SessionSnapshot> ServerStateAsync(string joinCode) =>
        App.Services.GetRequiredService<SessionReader>().GetByJoinCodeAsync(joinCode);

    /// <summary>The pages' console messages.</summary>
    public List<string> Log { get; } = [];

    public async Task DisposeAsync()
    {
        Directory.CreateDirectory(Screenshots.Folder);
        await File.WriteAllLinesAsync(Path.Combine(Screenshots.Folder, "offline-console.log"), Log);
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
        App?.Dispose();
    }
}
