using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>What a facilitator uses to run the room: the timer, silent writing, shortcuts.</summary>
[Trait("Category", "Browser")]
public sealed class FacilitationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static int Seconds(string shown)
    {
        var parts = shown.Trim().Split(':');
        return int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 60 + int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task One_countdown_runs_on_the_board_the_phone_and_the_console()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();
        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(boardUrl);
        var phone = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await phone.JoinAsync(await board.JoinCodeAsync(), "Tijdbewaker", null, mayBeNamed: false);
        await console.GoToAsync(1);
        await phone.WaitForPhaseAsync("collect");

        await console.Page.GetByLabel("Minutes").FillAsync("2");
        await console.Page.GetByLabel("Minutes").PressAsync("Tab");
        await console.Page.Locator("[data-testid=start-timer]").ClickAsync();

        var onBoard = board.Page.Locator("[data-testid=countdown]");
        var onPhone = phone.Page.Locator("[data-testid=countdown]");
        await onBoard.WaitForAsync();
        await onPhone.WaitForAsync();
        var boardFirst = Seconds(await onBoard.InnerTextAsync());
        var phoneFirst = Seconds(await onPhone.InnerTextAsync());
        Assert.InRange(boardFirst, 110, 120);
        Assert.InRange(Math.Abs(boardFirst - phoneFirst), 0, 2);
        await Screenshots.TakeAsync(board.Page, "board-timer");

        // It counts down in the browser without a server render.
        await Assertions.Expect(onBoard).Not.ToHaveTextAsync(await onBoard.InnerTextAsync(), new() { Timeout = 5_000 });
        Assert.True(Seconds(await onBoard.InnerTextAsync()) < boardFirst);

        await console.Page.Locator("[data-testid=stop-timer]").ClickAsync();
        await Assertions.Expect(onBoard).ToHaveCountAsync(0);
        await Assertions.Expect(onPhone).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Silent_writing_hides_the_others_answers_until_the_reveal()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();
        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(boardUrl);
        var joinCode = await board.JoinCodeAsync();
        var ann = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await ann.JoinAsync(joinCode, "Ann", null, mayBeNamed: false);
        var bob = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await bob.JoinAsync(joinCode, "Bob", null, mayBeNamed: false);

        // Silent writing switched on in the middle of the session.
        await console.Page.GetByText("Silent writing").First.ClickAsync();
        await console.Page.Locator("[data-testid=save-settings]").ClickAsync();
        await console.GoToAsync(1);
        await ann.WaitForPhaseAsync("collect");
        await ann.AnswerAsync("Geheim van Ann");
        await bob.WaitForPhaseAsync("collect");
        await bob.AnswerAsync("Geheim van Bob");

        await Assertions.Expect(board.Page.Locator("[data-testid=board-silent]")).ToBeVisibleAsync();
        await Assertions.Expect(board.Page.Locator("[data-testid=answer-count]")).ToContainTextAsync("2");
        await Assertions.Expect(bob.Page.GetByText("Geheim van Ann")).ToHaveCountAsync(0);
        await Assertions.Expect(ann.Page.GetByText("Geheim van Bob")).ToHaveCountAsync(0);

        await console.Page.Locator("[data-testid=reveal-answers]").ClickAsync();

        await Assertions.Expect(board.Page.Locator("[data-testid=board-answer]")).ToHaveCountAsync(2);
        await Assertions.Expect(bob.Page.GetByText("Geheim van Ann")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_console_runs_the_room_from_the_keyboard()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();
        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(boardUrl + "?theme=dark");
        await Assertions.Expect(board.Page.Locator(".board-dark")).ToHaveCountAsync(1);
        await console.Page.Locator("[data-testid=shortcuts-help]").ClickAsync();

        await console.Page.Keyboard.PressAsync("ArrowRight");
        await board.WaitForPhaseAsync("collect");
        await console.Page.Keyboard.PressAsync("n");
        await board.WaitForPhaseAsync("converge");
        await console.Page.Keyboard.PressAsync("b");
        await board.WaitForPhaseAsync("collect");
        await console.Page.Keyboard.PressAsync("t");
        await board.Page.Locator("[data-testid=countdown]").WaitForAsync();
        await console.Page.Keyboard.PressAsync("t");
        await Assertions.Expect(board.Page.Locator("[data-testid=countdown]")).ToHaveCountAsync(0);
        // Leaving a question that has no result yet asks first, from the keyboard too.
        await console.Page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(console.Dialog).ToContainTextAsync("Leave question 1?");
        await console.ConfirmAsync();
        await Assertions.Expect(board.Page.Locator("[data-testid=board-phase]")).ToContainTextAsync("2");
        await console.Page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(console.Dialog).ToContainTextAsync("Leave question 2?");
        await console.ConfirmAsync();
        await Assertions.Expect(board.Page.Locator("[data-testid=board-phase]")).ToContainTextAsync("1");

        // Typing in a field is typing, not a shortcut: the N typed there must not move the phase, the N
        // pressed after it must, once. Both reach the server in order, so "vote" would mean two moves.
        await console.Page.GetByLabel("Add an answer for the room").PressAsync("n");
        await console.Page.Locator("[data-testid=shortcuts-help]").ClickAsync();
        await console.Page.Keyboard.PressAsync("n");
        await board.WaitForPhaseAsync("converge");
        await Assertions.Expect(console.Page.Locator("[data-testid=console-phase]")).ToHaveAttributeAsync("data-phase", "converge");
        await Assertions.Expect(console.Page.GetByLabel("Add an answer for the room")).ToHaveValueAsync("n");
    }

    [Fact]
    public async Task The_start_page_lists_this_browsers_sessions_to_open_duplicate_and_delete_and_offers_saved_templates()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        await console.CreateFromTemplateAsync();
        await console.Page.GetByLabel("Template name").FillAsync("Vernieuwen, opnieuw");
        await console.Page.Locator("[data-testid=save-template]").ClickAsync();
        await console.Page.GetByText("Saved as template").WaitForAsync();

        await console.Page.GotoAsync("/");
        var rows = console.Page.Locator("[data-testid=my-session]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await console.Page.GetByText("Vernieuwen, opnieuw (saved)").WaitForAsync();

        await console.Page.Locator("[data-testid=duplicate-session]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "(copy)" })).ToHaveCountAsync(1);

        await rows.Filter(new() { HasText = "(copy)" }).Locator("[data-testid=delete-session]").ClickAsync();
        await console.Page.Locator(".mud-dialog .mud-dialog-actions button", new() { HasText = "Delete" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(console.Page, "home-my-sessions");
    }

    [Fact]
    public async Task The_interface_speaks_the_browsers_language_and_the_switch_sticks()
    {
        var dutch = await browser.NewPageAsync(1440, 900, "nl-NL");
        await dutch.GotoAsync("/");
        await dutch.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe sessie" }).WaitForAsync();
        await Assertions.Expect(dutch.Locator("html")).ToHaveAttributeAsync("lang", "nl");

        await dutch.Locator("[data-testid=language-en]").ClickAsync();
        await dutch.GetByRole(AriaRole.Heading, new() { Name = "New session" }).WaitForAsync();
        await dutch.ReloadAsync();
        await dutch.GetByRole(AriaRole.Heading, new() { Name = "New session" }).WaitForAsync();
        await Assertions.Expect(dutch.Locator("[data-testid=language-en]")).ToHaveAttributeAsync("aria-current", "true");

        // A phone in English joins a Dutch session: its own words in English, the session's words as written.
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();
        var joinCode = boardUrl.TrimEnd('/').Split('/')[^1];
        var english = await browser.NewPageAsync(390, 844, "en-GB");
        await english.GotoAsync($"/join/{joinCode}");
        await english.GetByLabel("Your name").WaitForAsync();
        var nederlands = await browser.NewPageAsync(390, 844, "nl-NL");
        await nederlands.GotoAsync($"/join/{joinCode}");
        await nederlands.GetByLabel("Je naam").WaitForAsync();
        await Screenshots.TakeAsync(nederlands, "phone-join");
    }
}
