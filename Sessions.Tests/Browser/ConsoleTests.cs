using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Browser;

/// <summary>The console a facilitator cannot trip over: it asks before a slip, confirms where the eye is, and merges a real room's answers.</summary>
[Trait("Category", "Browser")]
public sealed class ConsoleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private T Service<T>() where T : notnull => browser.App.Services.GetRequiredService<T>();

    private async Task<ConsoleScreen> ConsoleAsync(CreatedSession session, int width = 1440, int height = 900)
    {
        var console = new ConsoleScreen(await browser.NewPageAsync(width, height));
        await console.OpenAsync(session.SessionId, session.FacilitatorKey);
        return console;
    }

    /// <summary>A MudBlazor field's input, whether the test id lands on the input or on its wrapper.</summary>
    private static ILocator Input(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private Task<SessionSnapshot> SnapshotAsync(CreatedSession session) => Service<SessionReader>().GetAsync(session.SessionId);

    [Fact]
    public async Task A_double_click_on_create_makes_one_session_and_lands_in_its_console()
    {
        var page = await browser.NewPageAsync(1440, 900);
        await page.GotoAsync("/");
        await page.Locator("[data-testid=home][data-interactive]").WaitForAsync();

        await page.Locator("[data-testid=create-button]").DblClickAsync();

        await page.Locator("[data-testid=question-console]").WaitForAsync();
        Assert.Matches("/facilitate/[0-9a-f-]{36}$", page.Url);
        await Assertions.Expect(page.Locator("[data-testid=live-now]")).ToContainTextAsync("Lobby");
        // This browser's sessions, listed on the start page, are the ones it holds a key for: one.
        await page.GotoAsync("/");
        await page.Locator("[data-testid=home][data-interactive]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=my-session]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_console_marks_what_is_on_every_screen_and_asks_before_leaving_a_question_in_collect()
    {
        var room = await ConsoleRoom.CreateAsync(browser.App.Services, answerCount: 3, participantCount: 3);
        var console = await ConsoleAsync(room.Session);
        var page = console.Page;
        await Assertions.Expect(page.Locator("[data-testid=live-now]")).ToContainTextAsync("Question 1 of 2");
        await Assertions.Expect(page.Locator("[data-testid=live-phase]")).ToHaveTextAsync("Collect");
        await Assertions.Expect(page.Locator("[data-testid=goto-1]")).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page.Locator(".console-nav [aria-current=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=phase-collect]")).ToHaveAttributeAsync("aria-current", "step");
        await Screenshots.TakeAsync(page, "console-live-marking");

        // The button: it asks, and "Cancel" leaves every screen where it is.
        await page.Locator("[data-testid=goto-2]").ClickAsync();
        await Assertions.Expect(console.Dialog).ToContainTextAsync("Question 1 is still in collect and has no result yet");
        await Screenshots.TakeAsync(page, "console-leave-question");
        await console.CancelAsync();
        await Assertions.Expect(console.Dialog).ToHaveCountAsync(0);
        // A command after the cancel reaches the server after anything the cancel could have sent.
        await console.SetPhaseAsync("converge");
        Assert.Equal(1, (await SnapshotAsync(room.Session)).CurrentQuestion);
        await console.SetPhaseAsync("collect");

        // The key: → asks the same, and yes moves every screen.
        await page.Locator("[data-testid=shortcuts-help]").ClickAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(console.Dialog).ToContainTextAsync("Every screen moves to question 2");
        await console.ConfirmAsync();
        await Assertions.Expect(page.Locator("[data-testid=live-now]")).ToHaveAttributeAsync("data-position", "2");
        await Assertions.Expect(page.Locator("[data-testid=goto-2]")).ToHaveAttributeAsync("aria-current", "true");
        Assert.Equal(2, (await SnapshotAsync(room.Session)).CurrentQuestion);
    }

    [Fact]
    public async Task Going_back_from_a_result_settled_by_a_runoff_says_what_is_undone_and_asks()
    {
        var room = await ConsoleRoom.CreateAsync(browser.App.Services, answerCount: 4, participantCount: 3);
        var s = room.Session;
        var facilitator = Service<FacilitatorService>();
        var participants = Service<ParticipantService>();
        var ids = Enumerable.Range(0, 4).Select(i => room.Answers[ConsoleRoom.Text(i)]).ToArray();
        await facilitator.SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Converge);
        await facilitator.SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Vote);
        // 3, 2, 1, 1: the last two tie for third place.
        foreach (var (token, picks) in new[] { (room.Tokens[0], new[] { 0, 1, 2 }), (room.Tokens[1], new[] { 0, 1, 3 }), (room.Tokens[2], new[] { 0 }) })
        {
            await participants.PutBallotAsync(s.JoinCode, 1, token, picks.ToDictionary(p => ids[p], _ => 1));
        }
        await facilitator.SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Result);
        await facilitator.StartRunoffAsync(s.SessionId, s.FacilitatorKey, 1);
        foreach (var (token, pick) in new[] { (room.Tokens[0], 3), (room.Tokens[1], 3), (room.Tokens[2], 2) })
        {
            await participants.PutBallotAsync(s.JoinCode, 1, token, new Dictionary<Guid, int> { [ids[pick]] = 1 });
        }
        Assert.True(await facilitator.CloseRunoffAsync(s.SessionId, s.FacilitatorKey, 1));
        var console = await ConsoleAsync(s);
        var page = console.Page;
        await Assertions.Expect(page.Locator("[data-testid=console-phase]")).ToHaveAttributeAsync("data-phase", "result");

        // B asks, names the runoff's winner, and Esc keeps the result.
        await page.Locator("[data-testid=shortcuts-help]").ClickAsync();
        await page.Keyboard.PressAsync("b");
        await Assertions.Expect(console.Dialog).ToContainTextAsync("The runoff's outcome (“" + ConsoleRoom.Text(3) + "”) is thrown away");
        await Assertions.Expect(console.Dialog).ToContainTextAsync("The top 3 disappears from every screen");
        await Screenshots.TakeAsync(page, "console-reopen-vote");
        // Esc is "no", as Cancel is.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(console.Dialog).ToHaveCountAsync(0);
        await page.Locator("[data-testid=start-timer]").ClickAsync();
        await page.Locator("[data-testid=stop-timer]").WaitForAsync();
        var kept = (await SnapshotAsync(s)).Question(1)!;
        Assert.Equal(Phase.Result, kept.Phase);
        Assert.Equal(TieSettlement.Runoff, kept.TieSettledBy);

        // The phase button asks the same; yes reopens the vote and the tie.
        await page.Locator("[data-testid=phase-vote]").ClickAsync();
        await Assertions.Expect(console.Dialog).ToContainTextAsync("Reopen the vote on question 1?");
        await console.ConfirmAsync();
        await Assertions.Expect(page.Locator("[data-testid=console-phase]")).ToHaveAttributeAsync("data-phase", "vote");
        var reopened = (await SnapshotAsync(s)).Question(1)!;
        Assert.Equal(TieSettlement.None, reopened.TieSettledBy);
        Assert.Equal(7, reopened.Answers.Sum(a => a.Dots));
    }

    [Fact]
    public async Task Saving_details_and_settings_confirms_beside_the_button_and_a_refusal_shows_there_too()
    {
        var room = await ConsoleRoom.CreateAsync(browser.App.Services, answerCount: 1, participantCount: 1);
        var console = await ConsoleAsync(room.Session);
        var page = console.Page;

        await page.Locator("[data-testid=save-details]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=details-status]")).ToContainTextAsync("Details saved");
        await page.GetByLabel("Date (yyyy-mm-dd)").FillAsync("25-11-2022");
        await page.Locator("[data-testid=save-details]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=details-status]")).ToContainTextAsync("Write the date as yyyy-mm-dd");

        await Input(page, "setting-dots").FillAsync("5");
        await Input(page, "setting-dots").PressAsync("Tab");
        await page.Locator("[data-testid=save-settings]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=settings-status]")).ToContainTextAsync("Settings saved");
        Assert.Equal(5, (await SnapshotAsync(room.Session)).Settings.DotsPerParticipant);
        await page.Locator("[data-testid=settings-status]").ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "console-settings-saved");
    }

    [Fact]
    public async Task Sixty_four_answers_merge_by_drag_and_by_keyboard_filter_by_text_and_a_merge_is_undone()
    {
        var room = await ConsoleRoom.CreateAsync(browser.App.Services);
        var s = room.Session;
        await Service<FacilitatorService>().SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Converge);
        var console = await ConsoleAsync(s);
        var page = console.Page;
        var items = page.Locator("[data-testid=merge-item]");
        await Assertions.Expect(items).ToHaveCountAsync(64);
        // A to Z, so near-duplicates sit side by side.
        var shown = await page.Locator("[data-testid=merge-item-text]").AllInnerTextsAsync();
        Assert.Equal(shown.Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("en-GB"), System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace)), shown);
        await Screenshots.TakeAsync(page, "console-merge-60-1440");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "console-merge-60-1440-full.png"), FullPage = true });

        // Filter: only what mentions the words stays.
        await Input(page, "merge-filter").FillAsync("leren kennen");
        var matching = room.Answers.Keys.Count(t => t.Contains("leren kennen", StringComparison.OrdinalIgnoreCase));
        await Assertions.Expect(items).ToHaveCountAsync(matching);
        await Assertions.Expect(page.Locator("[data-testid=merge-count]")).ToContainTextAsync($"{matching} of 64");

        // Drag one answer onto another.
        const string target = "Meer tijd om elkaar te leren kennen";
        const string dragged = "Meer tijd om elkaar echt te leren kennen";
        await console.MergeItem(dragged).DragToAsync(console.MergeItem(target));
        await Assertions.Expect(console.MergeItem(dragged)).ToHaveCountAsync(0);
        var absorbing = console.MergeItem(target);
        await Assertions.Expect(absorbing.Locator("[data-testid=merge-absorbed]")).ToContainTextAsync(dragged);
        await Assertions.Expect(absorbing.Locator("[data-testid=merge-status]")).ToContainTextAsync("is merged into this answer");
        await Screenshots.TakeAsync(page, "console-merge-dragged");

        // The keyboard's way: the answer's merge button, type, Enter.
        const string typed = "Tijd om elkaar te leren kennen buiten vergaderingen";
        await console.MergeItem(typed).Locator("[data-testid=merge-into]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var search = page.Locator("[data-testid=merge-picker] input");
        await Assertions.Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Meer tijd om elkaar te");
        await Assertions.Expect(page.Locator("[data-testid=merge-picker-option]")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "console-merge-keyboard");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(console.MergeItem(typed)).ToHaveCountAsync(0);
        await Assertions.Expect(absorbing.Locator("[data-testid=merge-absorbed]")).ToHaveCountAsync(2);
        Assert.Equal(62, (await SnapshotAsync(s)).Question(1)!.ActiveAnswers.Count());

        // Undo, right where the merge shows.
        await absorbing.Locator("[data-testid=merge-absorbed]", new() { HasText = dragged }).Locator("[data-testid=unmerge]").ClickAsync();
        await Assertions.Expect(console.MergeItem(dragged)).ToHaveCountAsync(1);
        await Assertions.Expect(absorbing.Locator("[data-testid=merge-status]")).ToContainTextAsync("Merge undone");
        Assert.Null((await SnapshotAsync(s)).Question(1)!.Answer(room.Answers[dragged])!.MergedInto);

        // Once dots are on the question the undo is refused, with the reason beside the button.
        var facilitator = Service<FacilitatorService>();
        await facilitator.SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Vote);
        await Service<ParticipantService>().PutBallotAsync(s.JoinCode, 1, room.Tokens[0], new Dictionary<Guid, int> { [room.Answers[target]] = 1 });
        await facilitator.SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Converge);
        await Assertions.Expect(page.Locator("[data-testid=console-phase]")).ToHaveAttributeAsync("data-phase", "converge");
        await absorbing.Locator("[data-testid=unmerge]").ClickAsync();
        await Assertions.Expect(absorbing.Locator("[data-testid=merge-status]")).ToContainTextAsync("cannot be split back");
        Assert.Equal(room.Answers[target], (await SnapshotAsync(s)).Question(1)!.Answer(room.Answers[typed])!.MergedInto);
    }

    [Fact]
    public async Task Sixty_four_answers_in_the_merge_panel_at_1280x720_keep_every_card_inside_the_page_width()
    {
        var room = await ConsoleRoom.CreateAsync(browser.App.Services);
        var s = room.Session;
        await Service<FacilitatorService>().SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Converge);
        var console = await ConsoleAsync(s, 1280, 720);
        var page = console.Page;
        await Assertions.Expect(page.Locator("[data-testid=merge-item]")).ToHaveCountAsync(64);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var widest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('[data-testid=merge-item]')].map(e => e.getBoundingClientRect().right))");
        var tallest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('[data-testid=merge-item]')].map(e => e.getBoundingClientRect().height))");
        await Screenshots.TakeAsync(page, "console-merge-60-1280");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "console-merge-60-1280-full.png"), FullPage = true });

        Assert.True(overflow <= 0, $"the console is {overflow} px wider than the window");
        Assert.True(widest <= 1280, $"a card reaches {widest} px");
        // A 500-character answer is cut to a few lines, so one card never takes a screen.
        Assert.True(tallest < 260, $"the tallest card is {tallest} px");
    }

    /// <summary>
    /// A name of 70 letters, each with eight accents stacked on it (the most accepted; 630 code points, under the 640
    /// a name may store), with no space to break at: it made the participants card 1,713 px wide at 1440×900.
    /// </summary>
    private static string StackedName()
    {
        const string marks = "\u0301\u0300\u0302\u0303\u0304\u0306\u0307\u0308";
        return string.Concat(Enumerable.Repeat("a" + marks, 70));
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task A_long_name_of_stacked_accents_stays_inside_the_participants_card(int width, int height)
    {
        var session = await Service<SessionCatalog>().CreateAsync(new CreateSessionRequest("Stacked names", Questions: ["What matters?"], Language: "en"));
        var participants = Service<ParticipantService>();
        await participants.JoinAsync(session.JoinCode, new JoinRequest(StackedName(), string.Concat(Enumerable.Repeat("o\u0308\u0301\u0302", 100)), true));
        await participants.JoinAsync(session.JoinCode, new JoinRequest("Ann", "Org", true));

        var console = await ConsoleAsync(session, width, height);
        var page = console.Page;
        await Assertions.Expect(page.Locator("[data-testid=console-participant]")).ToHaveCountAsync(2);
        await page.Locator("[data-testid=console-participant]").First.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, $"console-stacked-name-{width}x{height}");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        // Every element of every card, measured against its card: the widest reach past the card's right edge.
        var beyond = await page.EvaluateAsync<double>("""
            () => Math.max(0, ...[...document.querySelectorAll('.console .mud-paper')].flatMap(card => {
                const edge = card.getBoundingClientRect();
                return [...card.querySelectorAll('*')].map(e => {
                    const r = e.getBoundingClientRect();
                    return r.width === 0 ? 0 : Math.max(r.right - edge.right, edge.left - r.left);
                });
            }))
            """);
        var card = await page.EvaluateAsync<double>("() => document.querySelector('.console-participants').closest('.mud-paper').getBoundingClientRect().right");

        Assert.True(overflow <= 0, $"the console is {overflow} px wider than the window");
        Assert.True(beyond <= 1, $"something reaches {beyond} px past the edge of its card");
        Assert.True(card <= width, $"the participants card reaches {card} px in a {width} px window");
        // The online dot beside a long name keeps its size (it was squeezed to a sliver).
        var dot = await page.EvaluateAsync<double>("() => document.querySelector('[data-testid=console-participant] .presence').getBoundingClientRect().width");
        Assert.Equal(10, dot, 0.5);
    }

    /// <summary>What reaches past the window's right edge, widest first, for a failure's message.</summary>
    private const string BeyondTheWindow = """
        () => [...document.querySelectorAll('body *')]
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.width > 0 && r.right > window.innerWidth + 0.5)
            .sort((a, b) => b[1].right - a[1].right).slice(0, 5)
            .map(([e, r]) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}[${e.getAttribute('data-testid') ?? ''}] to ${Math.round(r.right)} px`)
            .join('; ')
        """;

    private static async Task AssertNoWiderThanTheWindowAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The console is {widths[0]} px wide in a window of {widths[1]} px: {await page.EvaluateAsync<string>(BeyondTheWindow)}");
    }

    /// <summary>
    /// A phone is a facilitator's screen too: the bar, the banner and the buttons that move every screen wrap onto new
    /// lines. A fresh English session in the lobby was 411 px wide at 390 (LOBBY one letter a line, WRAP-UP cut off);
    /// a Dutch one on question 1 in the result phase 495 px (the join link, the banner and AFSLUITING cut off).
    /// </summary>
    [Theory]
    [InlineData("en", 0)]
    [InlineData("nl", 1)]
    public async Task The_console_on_a_phone_is_never_wider_than_the_screen_and_its_buttons_wrap_whole(string language, int position)
    {
        var catalog = Service<SessionCatalog>();
        var session = await catalog.CreateAsync(new CreateSessionRequest("Vernieuwen doen we Samen", Language: language, Questions:
        [
            "Welk doel willen we bereiken door een ecosysteem te vormen dat de werkenden en niet het bedrijf, het systeem of de instituties centraal zet? Wat levert dit op voor wie?",
            "Stel dat we een greenfield hebben: waar beginnen we?", "Wie heeft de sleutel?", "Wat doen we morgen?",
        ]));
        if (position > 0)
        {
            var facilitator = Service<FacilitatorService>();
            var participants = Service<ParticipantService>();
            var token = (await participants.JoinAsync(session.JoinCode, new JoinRequest("Deelnemer", null, false))).ParticipantToken;
            await facilitator.GoToAsync(session.SessionId, session.FacilitatorKey, 1);
            var answer = await participants.SubmitAnswerAsync(session.JoinCode, 1, token, "Werkenden centraal", "phone-console-1");
            await facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Converge);
            await facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Vote);
            await participants.PutBallotAsync(session.JoinCode, 1, token, new Dictionary<Guid, int> { [answer] = 1 });
            await facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Result);
        }

        var console = await ConsoleAsync(session, 390, 844);
        var page = console.Page;
        await Assertions.Expect(page.Locator("[data-testid=live-now]")).ToHaveAttributeAsync("data-position", position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.TakeAsync(page, $"console-phone-{language}-{position}");

        await AssertNoWiderThanTheWindowAsync(page);
        // The bar is fixed, so it never widens the page, but its join link ran off the side: nothing reaches past the edge.
        Assert.Equal("", await page.EvaluateAsync<string>(BeyondTheWindow));
        // Every button that moves the screens keeps its word on one line (LOBBY stood one letter a line, 130 px tall).
        var heights = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('[data-testid^=goto-], [data-testid=previous], [data-testid=next]')].map(e => e.getBoundingClientRect().height)");
        Assert.Equal(4 + 2 + 2, heights.Length);
        Assert.All(heights, h => Assert.True(h < 48, $"a button that moves the screens is {h} px tall"));
        var banner = await page.Locator("[data-testid=live-now]").BoundingBoxAsync();
        Assert.True(banner!.X + banner.Width <= 390, $"the banner reaches {banner.X + banner.Width} px");
    }

    /// <summary>
    /// Eight answers of one 500-letter word among 64: the chip of their shared word was 3,626 px wide and made the console
    /// 3,675 px wide at 1920×1080. A chip is cut with an ellipsis (the whole word in its title) inside its card.
    /// </summary>
    [Fact]
    public async Task A_shared_word_of_500_letters_in_a_suggestion_stays_inside_its_card()
    {
        var room = await ConsoleRoom.CreateAsync(browser.App.Services, answerCount: 56);
        var s = room.Session;
        var participants = Service<ParticipantService>();
        var word = new string('x', 500);
        for (var i = 0; i < 8; i++)
        {
            await participants.SubmitAnswerAsync(s.JoinCode, 1, room.Tokens[i], word, $"long-word-{i}");
        }
        await Service<FacilitatorService>().SetPhaseAsync(s.SessionId, s.FacilitatorKey, 1, Phase.Converge);
        var console = await ConsoleAsync(s, 1920, 1080);
        var page = console.Page;
        var chip = page.Locator("[data-testid=suggestion-term]", new() { HasText = word });
        await chip.First.WaitForAsync(new() { Timeout = 30_000 });
        await chip.First.ScrollIntoViewIfNeededAsync();
        await Screenshots.TakeAsync(page, "console-suggestion-long-word-1920");

        await AssertNoWiderThanTheWindowAsync(page);
        var reach = await chip.First.EvaluateAsync<double[]>("e => [e.getBoundingClientRect().right, e.closest('.mud-paper').getBoundingClientRect().right]");
        Assert.True(reach[0] <= reach[1], $"the chip reaches {reach[0]} px, its card {reach[1]} px");
        Assert.Equal(word, await chip.First.GetAttributeAsync("title"));
        // The answers themselves wrap inside the card too.
        var answers = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('[data-testid=suggestion-answer]')].map(e => e.scrollWidth - e.clientWidth))");
        Assert.True(answers <= 0, $"an answer is {answers} px wider than its line");
    }
}
