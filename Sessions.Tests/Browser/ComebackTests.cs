using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>A participant who reloads comes back as the same person, with answers, dots and an unsent draft.</summary>
[Trait("Category", "Browser")]
public sealed class ComebackTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reloaded_phone_is_the_same_participant_with_its_draft_and_its_dots()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();
        var joinCode = boardUrl.TrimEnd('/').Split('/')[^1];
        await console.GoToAsync(1);

        var phone = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await phone.JoinAsync(joinCode, "Sandra Mastboom", "WeConomics", mayBeNamed: true);
        await phone.WaitForPhaseAsync("collect");
        await phone.AnswerAsync("Eerste antwoord");
        await phone.AnswerAsync("Tweede antwoord");

        // Typed but not sent, then the page reloads (a phone that slept, a dropped connection).
        await phone.Page.Locator("#answer-input").FillAsync("Nog niet verstuurd");
        await phone.Page.ReloadAsync();

        await Assertions.Expect(phone.Page.Locator("[data-testid=me]")).ToHaveTextAsync("Sandra Mastboom");
        await Assertions.Expect(phone.Page.Locator("[data-testid=own-answer]")).ToHaveCountAsync(2);
        await Assertions.Expect(phone.Page.Locator("#answer-input")).ToHaveValueAsync("Nog niet verstuurd");

        await console.SetPhaseAsync("converge");
        await console.SetPhaseAsync("vote");
        await phone.WaitForPhaseAsync("vote");
        await phone.AddDotAsync("Eerste antwoord");
        await phone.Page.ReloadAsync();

        await phone.WaitForPhaseAsync("vote");
        await Assertions.Expect(phone.DotsLeft).ToHaveTextAsync("2");
        var item = phone.Page.Locator("[data-testid=vote-item]", new PageLocatorOptions { HasText = "Eerste antwoord" });
        await Assertions.Expect(item.Locator("[data-testid=my-dots]")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task An_answer_with_markup_is_shown_as_text_and_an_empty_one_gets_a_message()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();
        var joinCode = boardUrl.TrimEnd('/').Split('/')[^1];
        await console.GoToAsync(1);
        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(boardUrl);

        var phone = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await phone.JoinAsync(joinCode, "Piet Meij", "NBBU", mayBeNamed: false);
        await phone.WaitForPhaseAsync("collect");

        await phone.Page.Locator("[data-testid=send-answer]").ClickAsync();
        await Assertions.Expect(phone.Page.Locator("[data-testid=answer-error]")).ToContainTextAsync("mag niet leeg zijn");

        await phone.AnswerAsync("<script>alert(1)</script> <b>vet</b>");
        await board.WaitForAnswerCountAsync(1);
        await Assertions.Expect(board.Page.Locator("[data-testid=board-answer]")).ToContainTextAsync("<script>alert(1)</script> <b>vet</b>");
        Assert.Equal(0, await board.Page.Locator("[data-testid=board-answer] b").CountAsync());
    }

    [Fact]
    public async Task The_console_without_the_key_is_refused()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();
        var sessionPath = new Uri(console.Page.Url).AbsolutePath;

        // Another browser, with the console's address but not its key.
        var stranger = await browser.NewPageAsync(1440, 900);
        await stranger.GotoAsync(sessionPath);

        await Assertions.Expect(stranger.Locator("[data-testid=facilitator-refused]")).ToContainTextAsync("facilitator key");
        Assert.Equal(0, await stranger.Locator("[data-testid=question-console]").CountAsync());
        Assert.StartsWith("/facilitate/", sessionPath, StringComparison.Ordinal);
        Assert.Contains("/board/", boardUrl, StringComparison.Ordinal);
    }
}
