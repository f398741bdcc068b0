using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Sessions.Tests.Browser;

/// <summary>
/// Phones on a bad network: the connection is cut by a proxy the test controls (not offline emulation, which
/// leaves an open WebSocket open). Nothing typed or tapped is lost, nothing is sent twice, nothing asks for a reload.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OfflineTests(OfflineFixture fixture, ITestOutputHelper output) : IClassFixture<OfflineFixture>
{
    private const string OfflineText = "Geen verbinding: wat je typt en tikt wordt bewaard";

    [Fact]
    public async Task An_answer_sent_as_the_network_drops_arrives_once_without_a_second_tap()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Anouk de Vries");
        await phone.WaitForPhaseAsync("collect");

        await phone.Page.Locator("#answer-input").FillAsync("Meer tijd voor elkaar");
        await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
        fixture.Proxy.Drop();

        // The phone says it is offline, in Dutch, within two seconds, and keeps the answer; the page still works.
        await OfflineShownAsync(phone.Page);
        await phone.Page.Locator("#answer-input").FillAsync("Nog een gedachte");
        await Assertions.Expect(phone.Page.Locator("#answer-input")).ToHaveValueAsync("Nog een gedachte");

        await Task.Delay(3000);
        fixture.Proxy.Restore();

        var item = phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Meer tijd voor elkaar" });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item.Locator("[data-testid=answer-state]")).ToHaveTextAsync("Verstuurd");
        await Assertions.Expect(phone.Page.Locator("[data-testid=reconnect-text]")).Not.ToBeVisibleAsync();
        var held = (await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers;
        Assert.Single(held, a => a.Text == "Meer tijd voor elkaar");
        Assert.Single(held);
        await Assertions.Expect(phone.Page.Locator("#answer-input")).ToHaveValueAsync("Nog een gedachte");
    }

    [Fact]
    public async Task Three_changes_of_ballot_while_offline_end_with_the_last_one()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Bram Jansen");
        await phone.WaitForPhaseAsync("collect");
        foreach (var text in new[] { "Eerste", "Tweede", "Derde" })
        {
            await phone.AnswerAsync(text);
        }
        await console.SetPhaseAsync("converge");
        await console.SetPhaseAsync("vote");
        await phone.WaitForPhaseAsync("vote");

        fixture.Proxy.Drop();
        await OfflineShownAsync(phone.Page);
        await Item(phone, "Eerste").Locator("[data-testid=add-dot]").ClickAsync();
        await Item(phone, "Tweede").Locator("[data-testid=add-dot]").ClickAsync();
        await Item(phone, "Eerste").Locator("[data-testid=remove-dot]").ClickAsync();

        // Drawn at once, and kept: waiting to send.
        await Assertions.Expect(Item(phone, "Eerste").Locator("[data-testid=my-dots]")).ToHaveTextAsync("0");
        await Assertions.Expect(Item(phone, "Tweede").Locator("[data-testid=my-dots]")).ToHaveTextAsync("1");
        await Assertions.Expect(phone.DotsLeft).ToHaveTextAsync("2");
        await Assertions.Expect(phone.Page.Locator("[data-testid=ballot-state]")).ToHaveTextAsync("Wacht op verzending");

        await Task.Delay(2000);
        fixture.Proxy.Restore();

        await Assertions.Expect(phone.Page.Locator("[data-testid=ballot-state]")).ToHaveTextAsync("Verstuurd");
        var state = await fixture.ServerStateAsync(joinCode);
        var question = state.Question(1)!;
        var ballot = question.BallotOf(state.Participants.Single(p => p.Name == "Bram Jansen").Id);
        var tweede = question.Answers.Single(a => a.Text == "Tweede").Id;
        Assert.Equal(new Dictionary<Guid, int> { [tweede] = 1 }, ballot);
        await Assertions.Expect(Item(phone, "Tweede").Locator("[data-testid=my-dots]")).ToHaveTextAsync("1");
        await Assertions.Expect(phone.DotsLeft).ToHaveTextAsync("2");
    }

    // An outsider's finding: after a withdrawal made offline was delivered, the answer came back in the phone's list as
    // "Verstuurd" (sent), without the "withdrawn" it had while waiting, as if it had been sent again.
    [Fact]
    public async Task An_answer_withdrawn_while_offline_is_gone_afterwards_and_not_listed_as_sent()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Kees Bakker");
        await phone.WaitForPhaseAsync("collect");
        await phone.AnswerAsync("Weg ermee");
        var own = phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Weg ermee" });
        await Assertions.Expect(own.Locator("[data-testid=answer-state]")).ToHaveTextAsync("Verstuurd");

        fixture.Proxy.Drop();
        await OfflineShownAsync(phone.Page);
        await own.Locator("[data-testid=withdraw]").ClickAsync();
        await Assertions.Expect(phone.Page.Locator("[data-testid=outbox-state]")).ToHaveTextAsync("Wacht op verzending");
        fixture.Proxy.Restore();

        await Assertions.Expect(own).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(phone.Page.Locator("[data-testid=outbox-item][data-state=waiting]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        Assert.DoesNotContain((await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers, a => a.IsActive);
        await Assertions.Expect(phone.Page.Locator("[data-testid=outbox-item][data-kind=answer]", new() { HasText = "Weg ermee" })).ToHaveCountAsync(0);
    }

    // An outsider's finding: the same participant in two browsers (the link with its token opened on a second device)
    // kept two counters, so a ballot one phone held offline and delivered later overwrote a newer one made on the other,
    // whose next taps the server then ignored. A ballot's revision now rises with the clock too.
    [Fact]
    public async Task A_ballot_held_offline_does_not_overwrite_a_later_one_from_another_browser_of_the_same_participant()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Iris Mulder");
        await phone.WaitForPhaseAsync("collect");
        foreach (var text in new[] { "Eerste", "Tweede" })
        {
            await phone.AnswerAsync(text);
        }
        await console.SetPhaseAsync("converge");
        await console.SetPhaseAsync("vote");
        await phone.WaitForPhaseAsync("vote");
        var state = phone.Page.Locator("[data-testid=ballot-state]");
        // Changes of ballot on this phone first: its own count runs ahead of a browser that has made none.
        for (var i = 0; i < 3; i++)
        {
            await Item(phone, "Eerste").Locator("[data-testid=add-dot]").ClickAsync();
            await Assertions.Expect(Item(phone, "Eerste").Locator("[data-testid=my-dots]")).ToHaveTextAsync("1");
            await Item(phone, "Eerste").Locator("[data-testid=remove-dot]").ClickAsync();
            await Assertions.Expect(Item(phone, "Eerste").Locator("[data-testid=my-dots]")).ToHaveTextAsync("0");
        }
        await Assertions.Expect(state).ToHaveTextAsync("Verstuurd");
        var token = await phone.Page.EvaluateAsync<string>($"() => localStorage.getItem('sessions.participant.{joinCode}')");

        fixture.Proxy.Drop();
        await OfflineShownAsync(phone.Page);
        await Item(phone, "Eerste").Locator("[data-testid=add-dot]").ClickAsync();
        await Assertions.Expect(state).ToHaveTextAsync("Wacht op verzending");

        // Later, the other browser: its own storage holding the same participant, online.
        var other = new PhoneScreen(await fixture.NewPageAsync(390, 844, throughProxy: false));
        await other.Page.Context.AddInitScriptAsync($"localStorage.setItem('sessions.participant.{joinCode}', '{token}')");
        await other.Page.GotoAsync($"/join/{joinCode}");
        await other.WaitForPhaseAsync("vote");
        await Item(other, "Tweede").Locator("[data-testid=add-dot]").ClickAsync();
        await Assertions.Expect(other.Page.Locator("[data-testid=ballot-state]")).ToHaveTextAsync("Verstuurd");

        fixture.Proxy.Restore();
        // The phone's held ballot is delivered and, being older, ignored: the later one stands.
        await Assertions.Expect(state).Not.ToHaveTextAsync("Wacht op verzending");
        var server = await fixture.ServerStateAsync(joinCode);
        var question = server.Question(1)!;
        var tweede = question.Answers.Single(a => a.Text == "Tweede").Id;
        Assert.Equal(new Dictionary<Guid, int> { [tweede] = 1 }, question.BallotOf(server.Participants.Single(p => p.Name == "Iris Mulder").Id));
    }

    [Fact]
    public async Task After_a_30_second_outage_phone_board_and_console_are_back_by_themselves()
    {
        var console = new ConsoleScreen(await fixture.NewPageAsync(1440, 900, throughProxy: true));
        var boardUrl = await console.CreateFromTemplateAsync();
        var joinCode = boardUrl.TrimEnd('/').Split('/')[^1];
        await console.GoToAsync(1);
        var board = new BoardScreen(await fixture.NewPageAsync(1920, 1080, throughProxy: true));
        await board.OpenAsync(new Uri(boardUrl).PathAndQuery);
        var phone = await PhoneAsync(joinCode, "Carla Smit");
        await phone.WaitForPhaseAsync("collect");

        fixture.Proxy.Drop();
        await OfflineShownAsync(phone.Page);
        // Board and console say it in their own language, and never "reload".
        await Assertions.Expect(console.Page.Locator("#components-reconnect-modal[open] [data-testid=reconnect-text]")).ToContainTextAsync("The connection is lost");
        await Screenshots.TakeAsync(console.Page, "offline-console");
        await phone.Page.Locator("#answer-input").FillAsync("Getypt zonder verbinding");
        await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
        await Assertions.Expect(phone.Page.Locator("[data-testid=outbox-state]")).ToHaveTextAsync("Wacht op verzending");
        await phone.Page.Locator("#answer-input").FillAsync("Concept dat blijft");

        await Task.Delay(TimeSpan.FromSeconds(30));
        foreach (var page in new[] { console.Page, board.Page, phone.Page })
        {
            Assert.DoesNotContain("reload", (await page.Locator("body").InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        }
        fixture.Proxy.Restore();

        // The answer arrives once; the board shows it; the console works again (it moves the room on).
        await Assertions.Expect(phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Getypt zonder verbinding" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await board.WaitForAnswerCountAsync(1);
        await Assertions.Expect(phone.Page.Locator("#answer-input")).ToHaveValueAsync("Concept dat blijft");
        await console.Page.Locator("[data-testid=question-console]").WaitForAsync(new() { Timeout = 30_000 });
        await console.SetPhaseAsync("converge");
        await phone.WaitForPhaseAsync("converge");
        await board.WaitForPhaseAsync("converge");
        Assert.Single((await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers);
    }

    [Fact]
    public async Task A_phone_asleep_longer_than_its_circuit_comes_back_with_its_participant_draft_and_dots()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Daan Bakker");
        await phone.WaitForPhaseAsync("collect");
        await phone.AnswerAsync("Samen beslissen");
        await phone.AnswerAsync("Minder vergaderen");
        await console.SetPhaseAsync("converge");
        await console.SetPhaseAsync("vote");
        await phone.WaitForPhaseAsync("vote");
        await phone.AddDotAsync("Samen beslissen");

        // Asleep: no connection for longer than the server keeps the circuit.
        await fixture.Proxy.OutageAsync(OfflineFixture.CircuitRetention * 2.5);

        // The server forgot the circuit; the phone comes back by itself (a resumed circuit or a page it reloads
        // itself), with no prompt: the same participant with their dots.
        await BackAsync(phone);
        await Assertions.Expect(phone.Page.Locator("[data-testid=me]")).ToHaveTextAsync("Daan Bakker");
        await phone.WaitForPhaseAsync("vote");
        await Assertions.Expect(Item(phone, "Samen beslissen").Locator("[data-testid=my-dots]")).ToHaveTextAsync("1");
        await Assertions.Expect(phone.DotsLeft).ToHaveTextAsync("2");
        await phone.AddDotAsync("Minder vergaderen");
        await Assertions.Expect(phone.Page.Locator("[data-testid=ballot-state]")).ToHaveTextAsync("Verstuurd");
        var state = await fixture.ServerStateAsync(joinCode);
        Assert.Equal(2, state.Question(1)!.BallotOf(state.Participants.Single(p => p.Name == "Daan Bakker").Id).Values.Sum());
    }

    [Fact]
    public async Task A_draft_typed_before_the_phone_slept_is_still_there_when_it_comes_back()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Eva Mulder");
        await phone.WaitForPhaseAsync("collect");
        await phone.Page.Locator("#answer-input").FillAsync("Half af");

        await fixture.Proxy.OutageAsync(OfflineFixture.CircuitRetention * 2.5);

        await BackAsync(phone);
        await Assertions.Expect(phone.Page.Locator("[data-testid=me]")).ToHaveTextAsync("Eva Mulder");
        await Assertions.Expect(phone.Page.Locator("#answer-input")).ToHaveValueAsync("Half af");
        await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
        var sent = phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Half af" });
        await Assertions.Expect(sent).ToHaveCountAsync(1);
        await Assertions.Expect(sent.Locator("[data-testid=answer-state]")).ToHaveTextAsync("Verstuurd");
        Assert.Single((await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers, a => a.Text == "Half af");
    }

    [Fact]
    public async Task A_phone_that_knows_it_lost_its_network_says_so_at_once_and_sends_what_it_kept_when_back()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Hanna de Boer");
        await phone.WaitForPhaseAsync("collect");

        // The browser knows (Wi-Fi switched off): its offline event, even while an open WebSocket lingers.
        await phone.Page.Context.SetOfflineAsync(true);
        await OfflineShownAsync(phone.Page);
        await phone.Page.Locator("#answer-input").FillAsync("Zonder wifi");
        await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
        await Assertions.Expect(phone.Page.Locator("[data-testid=outbox-state]")).ToHaveTextAsync("Wacht op verzending");
        await Task.Delay(1000);
        await phone.Page.Context.SetOfflineAsync(false);

        var item = phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Zonder wifi" });
        await Assertions.Expect(item.Locator("[data-testid=answer-state]")).ToHaveTextAsync("Verstuurd", new() { Timeout = 30_000 });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        Assert.Single((await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers, a => a.Text == "Zonder wifi");
    }

    [Fact]
    public async Task On_slow_3G_the_join_page_paints_and_an_answer_is_acknowledged()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Fleur Visser");
        await phone.WaitForPhaseAsync("collect");

        var cdp = await phone.Page.Context.NewCDPSessionAsync(phone.Page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 400,
            ["downloadThroughput"] = 400 * 1000 / 8,
            ["uploadThroughput"] = 400 * 1000 / 8,
        });
        // A cold cache, as a phone that opens the link for the first time.
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });

        var load = Stopwatch.StartNew();
        await phone.Page.GotoAsync($"/join/{joinCode}", new() { WaitUntil = WaitUntilState.Commit });
        // Drawn: the session's title (prerendered, before the WebSocket) or, later, the participant's own page.
        await phone.Page.Locator("[data-testid=phone-title], [data-testid=me]").First.WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Visible });
        var drawn = load.Elapsed.TotalMilliseconds;
        // Chromium's own first contentful paint (a locator can find the title while a stylesheet still holds the paint
        // back, so "drawn" alone overstated how soon the phone shows anything: an outsider saw 19 s here).
        var paint = await phone.Page.EvaluateAsync<double>(
            """() => new Promise(resolve => { const read = () => { const p = performance.getEntriesByName('first-contentful-paint')[0]; if (p) { resolve(p.startTime); } else { setTimeout(read, 50); } }; read(); })""");
        await phone.Page.Locator("[data-testid=me]").WaitForAsync(new() { Timeout = 60_000 });
        await phone.Page.Locator("[data-testid=collect-panel]").WaitForAsync(new() { Timeout = 60_000 });
        var interactive = load.Elapsed.TotalMilliseconds;

        await phone.Page.Locator("#answer-input").FillAsync("Traag maar zeker");
        var clock = Stopwatch.StartNew();
        await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
        await phone.Page.WaitForFunctionAsync(
            $"() => window.sessionsOutbox.items('{joinCode}').some(i => i.kind === 'answer' && i.text === 'Traag maar zeker' && i.state === 'sent')",
            null, new() { Timeout = 60_000, PollingInterval = 50 });
        var acknowledged = clock.Elapsed.TotalMilliseconds;
        var sent = phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Traag maar zeker" });
        await Assertions.Expect(sent.Locator("[data-testid=answer-state]")).ToHaveTextAsync("Verstuurd", new() { Timeout = 60_000 });

        // The figures go into docs/benchmarks.md; the goal is 3 s for each, not asserted here (a shared machine).
        var figures = FormattableString.Invariant(
            $"slow 3G (400 ms RTT, 400 kbit/s, cold cache): join page in the DOM {drawn:F0} ms, first contentful paint {paint:F0} ms (from navigation), participant's page live {interactive:F0} ms, answer acknowledged {acknowledged:F0} ms");
        output.WriteLine(figures);
        Directory.CreateDirectory(Screenshots.Folder);
        await File.AppendAllTextAsync(Path.Combine(Screenshots.Folder, "slow-3g.txt"), $"{DateTime.UtcNow:u} {figures}{Environment.NewLine}");
        Assert.Single((await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers, a => a.Text == "Traag maar zeker");
    }

    [Fact]
    public async Task A_network_that_goes_silent_is_told_in_Dutch_at_once_and_what_is_sent_meanwhile_arrives_once()
    {
        var (console, joinCode) = await SessionAsync();
        await console.GoToAsync(1);
        var phone = await PhoneAsync(joinCode, "Gijs Peters");
        await phone.WaitForPhaseAsync("collect");
        var board = new BoardScreen(await fixture.NewPageAsync(1920, 1080, throughProxy: true));
        await board.OpenAsync($"/board/{joinCode}");
        var banner = phone.Page.Locator("#components-reconnect-modal[open] [data-testid=reconnect-text]");
        var restored = phone.Page.Locator("[data-testid=connection-restored]");

        // The proxy stops forwarding and closes nothing: no socket tells the browser, only the silence does
        // (SignalR's own server timeout is 30 s). Three short silences, each timed from the stall to the notice.
        var told = new List<double>();
        for (var silence = 0; silence < 3; silence++)
        {
            await Assertions.Expect(phone.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0);
            await Task.Delay(1500);
            var clock = Stopwatch.StartNew();
            fixture.Proxy.Stall();
            await phone.Page.WaitForFunctionAsync("() => document.getElementById('components-reconnect-modal').open", null, new() { Timeout = 5000 });
            told.Add(clock.Elapsed.TotalMilliseconds);
            await Assertions.Expect(banner).ToContainTextAsync(OfflineText);
            await Assertions.Expect(banner).ToBeVisibleAsync();
            await Task.Delay(500);
            fixture.Proxy.Restore();

            // Back by itself, and it says so.
            await Assertions.Expect(phone.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            await Assertions.Expect(restored).ToBeVisibleAsync();
            await Assertions.Expect(restored).ToHaveTextAsync("Weer verbonden");
        }

        // A longer silence, past the outbox's 10 s request timeout: the answer sent into it is held by the network
        // and also sent again; the server takes it once.
        fixture.Proxy.Stall();
        await Assertions.Expect(banner).ToContainTextAsync(OfflineText, new() { Timeout = 5000 });
        await phone.Page.Locator("#answer-input").FillAsync("Stil netwerk");
        await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
        var sentAt = Stopwatch.StartNew();
        await Assertions.Expect(phone.Page.Locator("[data-testid=outbox-state]")).ToHaveTextAsync("Wacht op verzending");
        await phone.Page.Locator("#answer-input").FillAsync("Blijft staan");
        // The board waits longer before its dialog (5 s: not worth a dialog over the room for a busy moment).
        await Assertions.Expect(board.Page.Locator("#components-reconnect-modal[open] [data-testid=reconnect-text]"))
            .ToContainTextAsync("The connection is lost", new() { Timeout = 10_000 });
        if (TimeSpan.FromSeconds(12) - sentAt.Elapsed is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }
        fixture.Proxy.Restore();

        var item = phone.Page.Locator("[data-testid=own-answer]", new() { HasText = "Stil netwerk" });
        await Assertions.Expect(item.Locator("[data-testid=answer-state]")).ToHaveTextAsync("Verstuurd", new() { Timeout = 30_000 });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(phone.Page.Locator("#answer-input")).ToHaveValueAsync("Blijft staan");
        await Assertions.Expect(board.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await board.WaitForAnswerCountAsync(1);
        Assert.Single((await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers, a => a.Text == "Stil netwerk");
        Assert.Single((await fixture.ServerStateAsync(joinCode)).Question(1)!.Answers);

        // The figures go into docs/benchmarks.md; the goal (2 s) is read there, not asserted here.
        var figures = $"silent network: offline notice after {string.Join(", ", told.Select(ms => ms.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms";
        output.WriteLine(figures);
        Directory.CreateDirectory(Screenshots.Folder);
        await File.AppendAllTextAsync(Path.Combine(Screenshots.Folder, "silent-drop.txt"), $"{DateTime.UtcNow:u} {figures}{Environment.NewLine}");
    }

    /// <summary>The phone says, in Dutch, that it is offline and keeps what is typed (within 2 s; 5 s allowed on a busy machine).</summary>
    private static async Task OfflineShownAsync(IPage page)
    {
        var banner = page.Locator("#components-reconnect-modal[open] [data-testid=reconnect-text]");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Assertions.Expect(banner).ToContainTextAsync(OfflineText);
        await Screenshots.TakeAsync(page, "offline-phone");
    }

    private static async Task BackAsync(PhoneScreen phone)
    {
        await Assertions.Expect(phone.Page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.DoesNotContain("reload", (await phone.Page.Locator("body").InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    private static ILocator Item(PhoneScreen phone, string text) =>
        phone.Page.Locator("[data-testid=vote-item]", new() { HasText = text });

    private async Task<(ConsoleScreen Console, string JoinCode)> SessionAsync()
    {
        var console = new ConsoleScreen(await fixture.NewPageAsync(1440, 900, throughProxy: false));
        var boardUrl = await console.CreateFromTemplateAsync();
        return (console, boardUrl.TrimEnd('/').Split('/')[^1]);
    }

    private async Task<PhoneScreen> PhoneAsync(string joinCode, string name)
    {
        var phone = new PhoneScreen(await fixture.NewPageAsync(390, 844, throughProxy: true));
        await phone.JoinAsync(joinCode, name, "Gemeente", mayBeNamed: false);
        return phone;
    }
}
