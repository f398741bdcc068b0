using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>A facilitator, a projected board and three phones run the four questions of the template in Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class WholeSessionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[][] s_answers =
    [
        ["Intrinsieke motivatie verhoogt de productiviteit", "Gedeelde waarden boven wij-zij denken", "Van welvaart naar welzijn"],
        ["Basiszekerheden die meebewegen", "Een adviserende overheid", "Arbeid opnieuw organiseren"],
        ["Geen onderscheid betaald en onbetaald werk", "Af van learn-earn-return", "Hypotheek los van contractvorm"],
        ["Rechtstreeks stemmen op afspraken", "Samenwerken als uitgangspunt", "Waarden herwaarderen"],
    ];

    [Fact]
    public async Task Facilitator_board_and_three_phones_run_the_four_question_session()
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(1440, 900));
        var boardUrl = await console.CreateFromTemplateAsync();

        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(boardUrl);
        var joinCode = await board.JoinCodeAsync();
        Assert.Matches("^[A-Z2-9]{6}$", joinCode);

        string[] names = ["Martijn Aslander", "Loes Waterreus", "Roos Wouters"];
        string[] organisations = ["Ons Werk is Stuk", "NBBU", "Werkvereniging"];
        var phones = new List<PhoneScreen>();
        for (var i = 0; i < names.Length; i++)
        {
            var phone = new PhoneScreen(await browser.NewPageAsync(390, 844));
            await phone.JoinAsync(joinCode, names[i], organisations[i], mayBeNamed: true);
            phones.Add(phone);
        }
        await Assertions.Expect(board.Page.Locator("[data-testid=participant-count]")).ToContainTextAsync("3");
        await Screenshots.TakeAsync(phones[0].Page, "phone-lobby");

        for (var question = 1; question <= 4; question++)
        {
            var shoot = question == 1;
            var answers = s_answers[question - 1];
            await console.GoToAsync(question);
            await board.WaitForPhaseAsync("collect");
            foreach (var phone in phones)
            {
                await phone.WaitForPhaseAsync("collect");
            }

            // Each phone writes one answer; the first phone also writes a duplicate to be merged.
            for (var i = 0; i < phones.Count; i++)
            {
                await phones[i].AnswerAsync(answers[i]);
            }
            await phones[0].AnswerAsync(answers[1] + " (dubbel)");
            await board.WaitForAnswerCountAsync(4);
            await Assertions.Expect(console.Page.Locator("[data-testid=answered]")).ToHaveCountAsync(3);
            if (shoot)
            {
                await Screenshots.TakeAsync(phones[0].Page, "phone-collect");
            }

            await console.SetPhaseAsync("converge");
            await console.MergeAsync(answers[1] + " (dubbel)", answers[1]);
            await board.WaitForAnswerCountAsync(3);
            await Assertions.Expect(board.Page.Locator("[data-testid=board-answer]", new PageLocatorOptions { HasText = answers[1] })).ToContainTextAsync("+1");
            if (shoot)
            {
                await Screenshots.TakeAsync(console.Page, "console-converge");
                await phones[0].WaitForPhaseAsync("converge");
                await Screenshots.TakeAsync(phones[0].Page, "phone-converge");
            }

            await console.SetPhaseAsync("vote");
            foreach (var phone in phones)
            {
                await phone.WaitForPhaseAsync("vote");
            }
            // Votes that give a clear order: answer 0 gets 3 dots, answer 1 two, answer 2 one.
            await phones[0].AddDotAsync(answers[0]);
            await phones[1].AddDotAsync(answers[0]);
            await phones[2].AddDotAsync(answers[0]);
            await phones[0].AddDotAsync(answers[1]);
            await phones[1].AddDotAsync(answers[1]);
            await phones[2].AddDotAsync(answers[2]);
            await Assertions.Expect(phones[0].DotsLeft).ToHaveTextAsync("1");
            await Assertions.Expect(board.Page.Locator("[data-testid=answer-dots]")).ToHaveTextAsync(["3", "2", "1"]);
            if (shoot)
            {
                await Screenshots.TakeAsync(phones[0].Page, "phone-vote");
            }

            await console.SetPhaseAsync("result");
            await Assertions.Expect(board.Top3Items).ToHaveCountAsync(3);
            await Assertions.Expect(board.Top3Items.Nth(0)).ToContainTextAsync(answers[0]);
            await Assertions.Expect(board.Top3Items.Nth(1)).ToContainTextAsync(answers[1]);
            await Assertions.Expect(board.Top3Items.Nth(2)).ToContainTextAsync(answers[2]);
            foreach (var phone in phones)
            {
                await Assertions.Expect(phone.Top3Items).ToHaveCountAsync(3);
                await Assertions.Expect(phone.Top3Items.Nth(0)).ToContainTextAsync(answers[0]);
            }
            if (shoot)
            {
                await Screenshots.TakeAsync(phones[0].Page, "phone-result");
                await Screenshots.TakeAsync(console.Page, "console-result");
            }
        }

        await console.GoToAsync(5);
        await board.Page.Locator("[data-stage=wrap-up]").WaitForAsync();
        await Assertions.Expect(board.Page.Locator(".board-wrapup-question")).ToHaveCountAsync(4);
        await Screenshots.TakeAsync(phones[0].Page, "phone-wrap-up");

        // The facilitator downloads the report: the published post, made by the tool.
        var download = await console.Page.RunAndWaitForDownloadAsync(() => console.Page.Locator("[data-testid=download-md]").ClickAsync());
        Assert.EndsWith(".md", download.SuggestedFilename, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.DoesNotContain("Tussentijds", markdown, StringComparison.Ordinal);
        foreach (var top in s_answers)
        {
            Assert.Contains($"1. {top[0]} (3 stippen)", markdown, StringComparison.Ordinal);
        }
        Assert.Contains("- Martijn Aslander (Ons Werk is Stuk)", markdown, StringComparison.Ordinal);
        await Screenshots.TakeAsync(console.Page, "console-wrap-up");
        Assert.Empty(browser.CspViolations);
    }
}
