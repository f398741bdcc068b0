using Microsoft.Playwright;
using Sessions.Tests.Support;

namespace Sessions.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright; the app runs once per test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private readonly List<string> _violations = [];

    /// <summary>What the browser refused under the app's Content-Security-Policy, on any page of this fixture.</summary>
    public IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (_violations)
            {
                return [.. _violations];
            }
        }
    }

    public IBrowser Browser { get; private set; } = default!;
    public SessionsAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: apt-get install -y chromium (the README's test command does this).");
        }
        App = SessionsAppFactory.OnKestrel();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// A page in a context of its own (one person). Without a locale, phone-sized pages speak Dutch,
    /// as the room of the seed session did, and laptop and projector pages English.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width, int height, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = App.RootUri,
            Locale = locale ?? (width < 800 ? "nl-NL" : "en-GB"),
        });
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (_violations)
                {
                    _violations.Add(message.Text);
                }
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        App?.Dispose();
    }
}
