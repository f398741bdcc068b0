using System.Net.Http.Json;
using Microsoft.Playwright;
using Sessions.Core.Services;
using Sessions.Bench;
using Sessions.Tests.Support;
using Xunit.Abstractions;

namespace Sessions.Tests.Browser;

/// <summary>The server is killed (SIGKILL) and started again: every screen comes back by itself, nothing is lost.</summary>
[Trait("Category", "Browser")]
public sealed class KillAndRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    // The app is a process of its own here (Development, the test's Debug build). Starting it costs about 3 s of
    // CPU (compiling ASP.NET Core, Blazor, MudBlazor and EF Core, the migrations check, the first request's
    // pipeline), so 7-13 s on the shared 2-core machine and much more when other test classes and browsers are
    // busy at the same moment. The limit is generous on purpose: the test is about what the screens do after a
    // restart, not about how fast a starved machine starts a process.
    private static readonly TimeSpan s_startUpLimit = TimeSpan.FromMinutes(4);

    // After the restart each screen finds out for itself that its circuit is gone, waits until the server answers
    // and loads its page again (blazor.web.js, MudBlazor and a new circuit): seconds on a quiet machine.
    private static readonly TimeSpan s_back = TimeSpan.FromSeconds(90);

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<string> _log = [];

    public async Task InitializeAsync()
    {
        // Only the browser: the app is the child process each test starts and kills.
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    [Fact]
    public async Task After_a_kill_and_a_restart_the_phone_delivers_what_it_kept_and_board_and_console_follow_again()
    {
        using var database = new TestDatabase();
        using var first = await AppProcess.StartBuiltAsync(database.ConnectionString, environment: "Development", startUpLimit: s_startUpLimit);
        output.WriteLine($"first process answered /healthz after {first.StartUp.TotalSeconds:F1} s");
        AppProcess? second = null;
        await using var proxy = new TcpProxy(first.Root);
        try
        {
            var console = new ConsoleScreen(await PageAsync(proxy, 1440, 900));
            var boardUrl = await console.CreateFromTemplateAsync();
            var joinCode = boardUrl.TrimEnd('/').Split('/')[^1];
            await console.GoToAsync(1);
            var board = new BoardScreen(await PageAsync(proxy, 1920, 1080));
            await board.OpenAsync(new Uri(boardUrl).PathAndQuery);
            var phone = new PhoneScreen(await PageAsync(proxy, 390, 844));
            await phone.JoinAsync(joinCode, "Gert Hoekstra", "Provincie", mayBeNamed: false);
            await phone.WaitForPhaseAsync("collect");
            await phone.AnswerAsync("Voor de stroomstoring");

            first.Kill();

            // The phone says so in Dutch and keeps working: an answer sent now waits, a draft typed now stays.
            await Assertions.Expect(phone.Page.Locator("#components-reconnect-modal[open] [data-testid=reconnect-text]"))
                .ToContainTextAsync("Geen verbinding: wat je typt en tikt wordt bewaard");
            await Assertions.Expect(console.Page.Locator("#components-reconnect-modal[open] [data-testid=reconnect-text]"))
                .ToContainTextAsync("The connection is lost");
            await phone.Page.Locator("#answer-input").FillAsync("Tijdens de stroomstoring");
            await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
            await Assertions.Expect(phone.Page.Locator("[data-testid=outbox-state]")).ToHaveTextAsync("Wacht op verzending");
            await phone.Page.Locator("#answer-input").FillAsync("Nog niet verstuurd");

            var down = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                second = await AppProcess.StartBuiltAsync(database.ConnectionString, environment: "Development", startUpLimit: s_startUpLimit);
            }
            catch
            {
                output.WriteLine($"the first process wrote:{Environment.NewLine}{first.Output}");
                throw;
            }
            proxy.Target = second.Root;
            output.WriteLine($"second process answered /healthz after {second.StartUp.TotalSeconds:F1} s ({down.Elapsed.TotalSeconds:F1} s after the kill)");

            // The phone is back by itself: the same participant, the kept answer delivered once and marked sent,
            // the draft still in the box.
            var kept = phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Tijdens de stroomstoring" });
            await Assertions.Expect(kept.Locator("[data-testid=answer-state]")).ToHaveTextAsync("Verstuurd", new() { Timeout = (float)s_back.TotalMilliseconds });
            await Assertions.Expect(kept).ToHaveCountAsync(1);
            await Assertions.Expect(phone.Page.Locator("[data-testid=own-answer]")).ToHaveCountAsync(2);
            await Assertions.Expect(phone.Page.Locator("[data-testid=me]")).ToHaveTextAsync("Gert Hoekstra");
            await Assertions.Expect(phone.Page.Locator("#answer-input")).ToHaveValueAsync("Nog niet verstuurd");
            await Assertions.Expect(phone.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = (float)s_back.TotalMilliseconds });

            // Board and console follow the room again: the console moves it on, and phone and board show that.
            await Assertions.Expect(board.Page.Locator("[data-testid=board-answer]")).ToHaveCountAsync(2, new() { Timeout = (float)s_back.TotalMilliseconds });
            await console.Page.Locator("[data-testid=question-console]").WaitForAsync(new() { Timeout = (float)s_back.TotalMilliseconds });
            await console.SetPhaseAsync("converge");
            await phone.Page.Locator("[data-testid=phone-phase][data-phase=converge]").WaitForAsync(new() { Timeout = (float)s_back.TotalMilliseconds });
            await Assertions.Expect(phone.Page.Locator("[data-testid=phone-phase]")).ToContainTextAsync("Dubbele antwoorden samenvoegen");
            await board.WaitForPhaseAsync("converge");

            // What the restarted server holds: each answer once.
            using var http = new HttpClient { BaseAddress = second.Root };
            var held = await http.GetFromJsonAsync<PublicSessionState>($"api/sessions/{joinCode}");
            Assert.Equal(2, held!.Questions[0].AnswerCount);
            var state = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/sessions/{joinCode}");
            var texts = state.GetProperty("questions")[0].GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString()).Order().ToList();
            Assert.Equal(["Tijdens de stroomstoring", "Voor de stroomstoring"], texts);
            foreach (var page in new[] { console.Page, board.Page, phone.Page })
            {
                var text = (await page.Locator("body").InnerTextAsync()).ToLowerInvariant();
                Assert.DoesNotContain("reload", text, StringComparison.Ordinal);
                Assert.DoesNotContain("herlaad", text, StringComparison.Ordinal);
                Assert.DoesNotContain("opnieuw laden", text, StringComparison.Ordinal);
            }
        }
        catch
        {
            if (second is not null)
            {
                output.WriteLine($"the restarted process wrote:{Environment.NewLine}{second.Output}");
            }
            lock (_log)
            {
                output.WriteLine($"the pages logged (last 60):{Environment.NewLine}{string.Join(Environment.NewLine, _log.TakeLast(60))}");
            }
            throw;
        }
        finally
        {
            second?.Dispose();
        }
    }

    private async Task<IPage> PageAsync(TcpProxy proxy, int width, int height)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = proxy.RootUri,
            Locale = width < 800 ? "nl-NL" : "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            lock (_log)
            {
                _log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {width}px {message.Type}: {message.Text}");
            }
        };
        return page;
    }
}
