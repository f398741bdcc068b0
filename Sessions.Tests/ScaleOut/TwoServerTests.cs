using Sessions.Tests.Support;
using System.Globalization;
using Microsoft.Playwright;
using Sessions.Tests.Browser;

namespace Sessions.Tests.ScaleOut;

/// <summary>
/// Two app servers on one database and one Redis, as behind a load balancer with sticky sessions:
/// what happens on one server shows on the screens and hub watchers of the other, in a real browser.
/// </summary>
[Trait("Category", "Browser")]
[Needs(TestServers.Postgres)]
public sealed class TwoServerTests : IAsyncLifetime
{
    private SharedDatabase? _database;
    private SessionsAppFactory? _a;
    private SessionsAppFactory? _b;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private SessionsAppFactory A => _a!;
    private SessionsAppFactory B => _b!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {BrowserFixture.ChromiumPath}: apt-get install -y chromium (the README's test command does this).");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Servers A and B on a new shared database and the given Redis.</summary>
    private void StartServers(string redis)
    {
        _database = SharedDatabase.Create();
        _a = ScaleOutApp.Start(_database.ConnectionString, redis);
        _b = ScaleOutApp.Start(_database.ConnectionString, redis);
    }

    /// <summary>A person's browser, talking to one server (the load balancer's sticky choice).</summary>
    private async Task<IPage> NewPageAsync(SessionsAppFactory server, int width, int height)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = server.RootUri,
            Locale = width < 800 ? "nl-NL" : "en-GB",
        });
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    [Fact]
    [Needs(TestServers.SharedRedis)]
    public async Task A_vote_on_one_server_shows_on_the_others_board_and_hub_and_the_phone_follows_the_facilitator_on_the_other_server()
    {
        StartServers(RedisServer.SharedConfiguration($"test-{Guid.NewGuid():N}:"));
        var onA = new SessionsHttp(A.Http);
        var onB = new SessionsHttp(B.Http);
        var session = await onA.CreateSessionAsync("Wat is de eerste stap?");

        // Server B: the facilitator's console, the board and a hub watcher.
        var console = new ConsoleScreen(await NewPageAsync(B, 1440, 900));
        await console.Page.GotoAsync($"/facilitate/{session.SessionId}?key={Uri.EscapeDataString(session.FacilitatorKey)}");
        await console.Page.Locator("[data-testid=facilitator][data-interactive]").WaitForAsync();
        await console.Page.Locator("[data-testid=question-console]").WaitForAsync();
        var board = new BoardScreen(await NewPageAsync(B, 1920, 1080));
        await board.OpenAsync($"/board/{session.JoinCode}");
        await using var watcherOnB = await HubWatcher.WatchAsync(B.RootUri, session.JoinCode);

        // Server A: a phone in the browser, and a participant who talks HTTP.
        var phone = new PhoneScreen(await NewPageAsync(A, 390, 844));
        await phone.JoinAsync(session.JoinCode, "Deelnemer A", null, mayBeNamed: false);
        var ann = await onA.JoinAsync(session, "Ann");

        // The facilitator on B opens the first question; the phone on A follows.
        await console.GoToAsync(1);
        await phone.WaitForPhaseAsync("collect");
        var answer = await onA.AnswerAsync(session, ann, "Samen beginnen");
        await board.WaitForAnswerCountAsync(1);
        await console.SetPhaseAsync("converge");
        await console.SetPhaseAsync("vote");
        await phone.WaitForPhaseAsync("vote");

        // A participant on A votes over HTTP: B's board and B's hub watcher show it.
        var before = await onB.VersionAsync(session);
        await onA.VoteAsync(session, ann, answer);
        var afterVote = await onA.VersionAsync(session);
        Assert.True(afterVote > before);
        var dots = board.Page.Locator($"[data-testid=board-answer][data-answer-id='{answer}'] [data-testid=answer-dots]");
        await Assertions.Expect(dots).ToHaveTextAsync("1");
        await watcherOnB.SeesAsync(afterVote, "a ballot cast on the other server");
        Assert.True(long.Parse(await board.Page.Locator("[data-testid=board]").GetAttributeAsync("data-version") ?? "0", CultureInfo.InvariantCulture) >= afterVote);

        // The facilitator on B closes the vote: the phone on A shows the result and the top 3.
        await console.SetPhaseAsync("result");
        await phone.WaitForPhaseAsync("result");
        await Assertions.Expect(phone.Top3Items.First).ToContainTextAsync("Samen beginnen");
        await Assertions.Expect(board.Top3Items.First).ToContainTextAsync("Samen beginnen");
    }

    [Fact]
    [Needs(TestServers.OwnRedis)]
    public async Task While_Redis_is_down_a_phone_joins_and_answers_on_its_server_and_that_servers_board_catches_up_with_the_other_server_afterwards()
    {
        using var redis = await RedisServer.StartOwnAsync();
        StartServers(redis.Configuration($"test-{Guid.NewGuid():N}:"));
        var onA = new SessionsHttp(A.Http);
        var onB = new SessionsHttp(B.Http);
        var session = await onA.CreateSessionAsync("Wat is de eerste stap?");
        await onA.SetCurrentAsync(session, 1);
        var board = new BoardScreen(await NewPageAsync(A, 1920, 1080));
        await board.OpenAsync($"/board/{session.JoinCode}");
        await board.WaitForPhaseAsync("collect");

        redis.Stop();
        await EventuallyAsync(async () => (await onA.HealthAsync()).StartsWith("Degraded", StringComparison.Ordinal), "A's health check says Degraded");

        // A new phone on A (a new circuit) joins and answers; A's board shows it at once.
        var phone = new PhoneScreen(await NewPageAsync(A, 390, 844));
        await phone.JoinAsync(session.JoinCode, "Deelnemer A", null, mayBeNamed: false);
        await phone.WaitForPhaseAsync("collect");
        await phone.AnswerAsync("Eerst luisteren");
        await board.WaitForAnswerCountAsync(1);

        // Meanwhile someone answers on B; A cannot hear of it until Redis is back.
        var bob = await onB.JoinAsync(session, "Bob");
        await onB.AnswerAsync(session, bob, "Samen beginnen");

        await redis.StartAsync();

        await board.WaitForAnswerCountAsync(2);
        await Assertions.Expect(board.Page.Locator("[data-testid=board-answers]")).ToContainTextAsync("Samen beginnen");
        await EventuallyAsync(async () => (await onA.HealthAsync()).StartsWith("Healthy", StringComparison.Ordinal), "A's health check is Healthy again");
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        _a?.Dispose();
        _b?.Dispose();
        _database?.Dispose();
    }
}
