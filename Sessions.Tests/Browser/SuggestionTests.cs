using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>The console suggests answers that say the same thing; one click merges them and the board shows it.</summary>
[Trait("Category", "Browser")]
public sealed class SuggestionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_facilitator_accepts_a_suggested_group_and_the_board_shows_the_merge()
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
        await console.GoToAsync(1);
        await ann.WaitForPhaseAsync("collect");
        await bob.WaitForPhaseAsync("collect");

        await ann.AnswerAsync("De werkdruk is te hoog");
        await bob.AnswerAsync("Veel te hoge werkdruk");
        await bob.AnswerAsync("Gratis koffie in de kantine");
        await board.WaitForAnswerCountAsync(3);

        // While collecting, the suggestion follows the answers as they come, as a preview.
        var group = console.Page.Locator("[data-testid=suggestion-group]");
        await Assertions.Expect(group).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(group.Locator("mark").First).ToContainTextAsync("werkdruk", new() { IgnoreCase = true });
        await Assertions.Expect(group.Locator("[data-testid=suggestion-accept]")).ToBeDisabledAsync();

        await console.SetPhaseAsync("converge");
        await Assertions.Expect(group.Locator("[data-testid=suggestion-accept]")).ToBeEnabledAsync(new() { Timeout = 20_000 });
        await Screenshots.TakeAsync(console.Page, "console-suggestions");
        var wording = group.Locator("input[data-testid=suggestion-text], [data-testid=suggestion-text] input").First;
        await wording.FillAsync("Werkdruk is te hoog");
        await wording.PressAsync("Tab");
        await group.Locator("[data-testid=suggestion-accept]").ClickAsync();

        await board.WaitForAnswerCountAsync(2);
        await Assertions.Expect(board.Page.Locator("[data-testid=board-answer]", new PageLocatorOptions { HasText = "Werkdruk is te hoog" })).ToContainTextAsync("+1");
        await Assertions.Expect(group).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(board.Page, "board-suggestion-merged");
    }
}
