using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Reports;

namespace Sessions.Tests.Browser;

/// <summary>
/// What a phone (390×844) and a small laptop (1280×720) show: joining by code, a tie that names its answers,
/// a refused tap that moves nothing, and a language switch that covers nothing.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PhoneLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Options =
    [
        "Meer tijd voor elkaar", "Minder vergaderen", "Samen leren", "Kortere lijnen", "Ideeën delen kost tijd",
        "Elkaar écht zien", "Gewoon doen", "Een vaste koffieochtend", "Vaker buiten de deur", "Luisteren voor je praat",
    ];

    private Workshop NewWorkshop()
    {
        var services = browser.App.Services;
        return new Workshop(services.GetRequiredService<SessionCatalog>(), services.GetRequiredService<ParticipantService>(),
            services.GetRequiredService<FacilitatorService>(), services.GetRequiredService<SessionReader>());
    }

    /// <summary>A session in vote with ten answers, and a phone that joined it.</summary>
    private async Task<(Workshop Workshop, PhoneScreen Phone)> VotingPhoneAsync()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat maakt samenwerken makkelijker?"]);
        await workshop.JoinAsync("writer", "Schrijver", null);
        await workshop.GoToAsync(1);
        for (var i = 0; i < Options.Length; i++)
        {
            await workshop.AnswerAsync("writer", $"a{i}", Options[i]);
        }
        var phone = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await phone.JoinAsync(workshop.Session.JoinCode, "Telefoon", null, mayBeNamed: false);
        await workshop.MoveToAsync(1, Phase.Vote);
        await phone.WaitForPhaseAsync("vote");
        return (workshop, phone);
    }

    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    /// <summary>Every element matched, against the language switch, at the top of the page and scrolled to its end.</summary>
    private static async Task AssertSwitchCoversNoneAsync(IPage page, string selector)
    {
        var targets = page.Locator(selector);
        Assert.True(await targets.CountAsync() > 0, $"nothing matches {selector}");
        foreach (var scroll in new[] { "window.scrollTo(0, 0)", "window.scrollTo(0, document.documentElement.scrollHeight)" })
        {
            await page.EvaluateAsync(scroll);
            var language = (await page.Locator("[data-testid=language-switch]").BoundingBoxAsync())!;
            for (var i = 0; i < await targets.CountAsync(); i++)
            {
                if (await targets.Nth(i).BoundingBoxAsync() is { } box)
                {
                    Assert.False(Overlap(language, box), $"the language switch covers {selector} #{i} ({scroll})");
                }
            }
        }
    }

    [Fact]
    public async Task A_refused_tap_on_plus_moves_nothing_and_the_spent_plus_buttons_look_disabled()
    {
        var (_, phone) = await VotingPhoneAsync();
        var page = phone.Page;
        foreach (var option in Options.Take(3))
        {
            await phone.AddDotAsync(option);
        }
        await Assertions.Expect(phone.DotsLeft).ToHaveTextAsync("0");
        var items = page.Locator("[data-testid=vote-item]");
        var fourth = items.Nth(3);
        var before = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            before.Add((await items.Nth(i).BoundingBoxAsync())!);
        }
        // Every + of an answer without a dot now looks spent.
        await Assertions.Expect(fourth.Locator("[data-testid=add-dot]")).ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(fourth.Locator("[data-testid=add-dot]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("vote-add-spent"));

        // A finger on the spent +: Playwright's own click waits for a button that is not aria-disabled, a finger does not.
        var plus = (await fourth.Locator("[data-testid=add-dot]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(plus.X + plus.Width / 2, plus.Y + plus.Height / 2);

        await Assertions.Expect(page.Locator("[data-testid=vote-message]")).ToHaveTextAsync(Sessions.App.Resources.Labels.Dutch.NoDotsLeft);
        for (var i = 0; i < before.Count; i++)
        {
            var after = (await items.Nth(i).BoundingBoxAsync())!;
            Assert.Equal((before[i].X, before[i].Y, before[i].Width, before[i].Height), (after.X, after.Y, after.Width, after.Height));
        }
        await Assertions.Expect(fourth.Locator("[data-testid=my-dots]")).ToHaveTextAsync("0");
        await Screenshots.TakeAsync(page, "phone-vote-refused");

        // Scrolled down the list, the pinned bar of dots left covers nothing of the question above it.
        await page.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
        var overlap = await page.EvaluateAsync<double>("""
            () => {
                const q = document.querySelector('[data-testid=phone-question]').getBoundingClientRect();
                const bar = document.querySelector('[data-testid=dots-left]').getBoundingClientRect();
                return Math.max(0, Math.min(q.bottom, bar.bottom) - Math.max(q.top, bar.top));
            }
            """);
        Assert.Equal(0, overlap);
    }

    [Fact]
    public async Task The_language_switch_covers_no_plus_button_on_a_phone()
    {
        var (_, phone) = await VotingPhoneAsync();

        await AssertSwitchCoversNoneAsync(phone.Page, "[data-testid=add-dot]");
        await AssertSwitchCoversNoneAsync(phone.Page, "[data-testid=remove-dot]");
    }

    [Fact]
    public async Task The_language_switch_covers_no_checkbox_or_switch_of_the_console_at_1280x720()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat maakt samenwerken makkelijker?"]);
        var page = await browser.NewPageAsync(1280, 720);

        await page.GotoAsync($"/facilitate/{workshop.Session.SessionId}?key={Uri.EscapeDataString(workshop.Session.FacilitatorKey)}");
        await page.Locator("[data-testid=facilitator][data-ready]").WaitForAsync();

        await AssertSwitchCoversNoneAsync(page, ".mud-checkbox, .mud-switch");
        // The test server listens on 127.0.0.1 only: the console says phones cannot reach it, and how to fix that.
        await Assertions.Expect(page.Locator("[data-testid=room-unreachable]")).ToContainTextAsync("--urls http://0.0.0.0:5080");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await Screenshots.TakeAsync(page, "console-1280x720");
    }

    [Fact]
    public async Task A_phone_in_a_tie_for_third_place_names_the_tied_answers()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat maakt samenwerken makkelijker?"]);
        foreach (var who in new[] { "p1", "p2", "p3" })
        {
            await workshop.JoinAsync(who, who, null);
        }
        await workshop.GoToAsync(1);
        // One tied answer is a long Dutch compound: the tie box must wrap it, not widen the page.
        string[] answers = [Options[0], Options[1], Options[2], "Een arbeidsmarktdiscriminatiebestrijdingsprogramma voor iedereen"];
        for (var i = 0; i < 4; i++)
        {
            await workshop.AnswerAsync("p1", $"a{i}", answers[i]);
        }
        var phone = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await phone.JoinAsync(workshop.Session.JoinCode, "Telefoon", null, mayBeNamed: false);
        await workshop.MoveToAsync(1, Phase.Vote);
        // 3, 2, 1, 1: the last two are tied for third place.
        await workshop.BallotAsync("p1", 1, "a0", "a1", "a2");
        await workshop.BallotAsync("p2", 1, "a0", "a1", "a3");
        await workshop.BallotAsync("p3", 1, "a0");
        await workshop.MoveToAsync(1, Phase.Result);

        var tied = phone.Page.Locator("[data-testid=phone-tied-answer]");
        await Assertions.Expect(tied).ToHaveTextAsync([answers[2], answers[3]]);
        await Assertions.Expect(phone.Page.Locator("[data-testid=phone-tie]")).ToContainTextAsync(Sessions.App.Resources.Labels.Dutch.TieExplanation);
        await AssertNoWiderThanTheScreenAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "phone-tie");

        await browser.App.Services.GetRequiredService<FacilitatorService>().StartRunoffAsync(workshop.Session.SessionId, workshop.Session.FacilitatorKey, 1);
        await Assertions.Expect(phone.Page.Locator("[data-testid=phone-tie]")).ToContainTextAsync(Sessions.App.Resources.Labels.Dutch.RunoffVote);
        await Assertions.Expect(tied).ToHaveTextAsync([answers[2], answers[3]]);
        await AssertNoWiderThanTheScreenAsync(phone.Page);
        await Screenshots.TakeAsync(phone.Page, "phone-runoff");
    }

    /// <summary>A phone never scrolls sideways: the page and every tied answer stay within the screen's width.</summary>
    private static async Task AssertNoWiderThanTheScreenAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("""
            () => [document.documentElement.scrollWidth, window.innerWidth,
                   Math.ceil(Math.max(0, ...[...document.querySelectorAll('[data-testid=phone-tied-answer]')].map(e => e.getBoundingClientRect().right)))]
            """);
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide on a screen of {widths[1]} px.");
        Assert.True(widths[2] <= widths[1], $"A tied answer reaches {widths[2]} px on a screen of {widths[1]} px.");
    }

    [Fact]
    public async Task Joining_by_typing_the_code_in_lower_case_with_spaces_on_a_phone()
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Wat maakt samenwerken makkelijker?"]);
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/join");
        await page.Locator("[data-testid=join-code-page][data-interactive]").WaitForAsync();

        await page.Locator("[data-testid=join-code-input]").FillAsync("zzz 999");
        await page.Locator("[data-testid=join-code-input]").PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=join-code-error]")).ToContainTextAsync("Geen sessie heeft de deelnamecode ZZZ999");
        Assert.EndsWith("/join", page.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "phone-join-code-unknown");

        var code = workshop.Session.JoinCode.ToLowerInvariant();
        await page.Locator("[data-testid=join-code-input]").FillAsync($"{code[..3]} {code[3..]}");
        await page.Locator("[data-testid=join-code-button]").ClickAsync();

        await page.Locator("#name-input").WaitForAsync();
        Assert.EndsWith($"/join/{workshop.Session.JoinCode}", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitors_start_page_on_a_phone_leads_with_the_code_field()
    {
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync("/");
        await page.Locator("[data-testid=home][data-interactive]").WaitForAsync();

        var code = (await page.Locator("[data-testid=join-first] [data-testid=join-code-input]").BoundingBoxAsync())!;
        var create = (await page.Locator("[data-testid=create-button]").BoundingBoxAsync())!;
        Assert.True(code.Y + code.Height <= 844, "the code field is on the first screen");
        Assert.True(code.Y < create.Y);
        Assert.True(code.Height >= 48, "the code field is large enough to tap and read");
        await Screenshots.TakeAsync(page, "phone-start-visitor");
    }

    /// <summary>
    /// A long name in the phone's header, in an English session: English has no hyphenation for a Dutch compound and a
    /// name has none at all, so the name breaks anywhere. It was cut off and made the page 401-402 px wide at 390.
    /// </summary>
    [Theory]
    [InlineData("Anne-Marie van Arbeidsmarktdiscriminatiebestrijding")]
    [InlineData("Zoë ʿAbd al-Raḥmān مريم Wolfeschlegelsteinhausenbergerdorff")]
    public async Task A_long_name_in_the_header_of_a_phone_in_an_English_session_stays_on_the_screen(string name)
    {
        var workshop = NewWorkshop();
        await workshop.CreateAsync(questions: ["Suppose we have a greenfield: where should we start?"], language: "en", title: "Vernieuwen doen we Samen");
        await workshop.GoToAsync(1);
        var phone = new PhoneScreen(await browser.NewPageAsync(390, 844));
        await phone.JoinAsync(workshop.Session.JoinCode, name, null, mayBeNamed: false);
        await phone.WaitForPhaseAsync("collect");
        await Assertions.Expect(phone.Page.Locator("[data-testid=me]")).ToHaveTextAsync(name);
        await Screenshots.TakeAsync(phone.Page, $"phone-long-name-en-{name.Length}");

        var widths = await phone.Page.EvaluateAsync<double[]>("""
            () => [document.documentElement.scrollWidth, window.innerWidth,
                   document.querySelector('[data-testid=me]').getBoundingClientRect().right,
                   document.querySelector('.phone-header').getBoundingClientRect().right]
            """);
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide on a screen of {widths[1]} px.");
        Assert.True(widths[2] <= widths[3], $"The name reaches {widths[2]} px, the header {widths[3]} px.");
    }
}
