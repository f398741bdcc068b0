using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Sessions.Core.Domain;
using Sessions.Tests.Support;
using Xunit.Abstractions;

namespace Sessions.Tests.Browser;

/// <summary>
/// The projector cannot scroll: with a real room's content (<see cref="Room"/>) the board fits one screen at
/// 1920x1080, 1280x720 and 1024x768 in every phase, nothing is cut off, no text is smaller than what the back
/// of the room can read, and what does not fit is paged through, never lost. One board page per room: the
/// room moves on through the services and the same page is looked at in all three sizes.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BoardFitTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly JsonSerializerOptions JsonWeb = new(JsonSerializerDefaults.Web);
    private static readonly (int Width, int Height)[] Screens = [(1920, 1080), (1280, 720), (1024, 768)];

    [Fact]
    public async Task A_busy_Dutch_room_fits_the_board_in_every_phase_on_three_screen_sizes()
    {
        var room = await Room.CreateAsync(browser.App.Services);
        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(room.BoardPath);
        Assert.Equal("nl", await board.Page.Locator("[data-testid=board]").GetAttributeAsync("lang"));

        await CheckAllScreensAsync(board, "lobby", screenshot: "board-lobby");
        Assert.Equal(room.JoinCode, await board.JoinCodeAsync());

        await room.CollectAsync(1);
        await board.WaitForPhaseAsync("collect");
        await board.WaitForAnswerCountAsync(room.Options.AnswersPerQuestion);
        var collect = await CheckAllScreensAsync(board, "collect", screenshot: "board-collect");
        // 64 answers, some of 500 characters, do not fit a screen at the floor: the board pages, and every
        // answer is on one of its pages.
        Assert.True(collect.Pages > 1, $"64 answers fit on one page at {collect.Floor} px?");
        await CheckPagingAsync(board, room);

        await room.ConvergeAsync(1);
        await board.WaitForPhaseAsync("converge");
        await board.WaitForAnswerCountAsync(room.Options.AnswersPerQuestion - 9);
        await Assertions.Expect(board.Page.Locator("[data-testid=answer-merged]", new() { HasText = "+4 samengevoegd" })).ToHaveCountAsync(1);
        await CheckAllScreensAsync(board, "converge", screenshot: "board-converge");

        await room.VoteAsync(1);
        await board.WaitForPhaseAsync("vote");
        await CheckAllScreensAsync(board, "vote", screenshot: "board-vote");
        // The same room on the phone of one of its participants (the README's phone pictures).
        var phone = await browser.NewPageAsync(390, 844);
        await phone.Context.AddInitScriptAsync($"localStorage.setItem('sessions.participant.{room.JoinCode}', '{room.Token(0)}');");
        await phone.GotoAsync($"/join/{room.JoinCode}");
        await phone.Locator("[data-testid=phone-phase][data-phase=vote]").WaitForAsync();
        await Assertions.Expect(phone.Locator("[data-testid=dots-left] .vote-remaining-number")).ToHaveTextAsync("0");
        await Screenshots.TakeAsync(phone, "phone-room-vote");
        // The countdown, on the dark board some projectors need.
        await room.StartTimerAsync(1, 4);
        var dark = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await dark.OpenAsync(room.BoardPath + "?theme=dark");
        await dark.Page.Locator("[data-testid=countdown]").WaitForAsync();
        await CheckAllScreensAsync(dark, "vote with a timer, dark", screenshot: "board-dark-timer");
        await dark.Page.Context.CloseAsync();
        await room.StopTimerAsync(1);

        await room.ResultAsync(1);
        await board.WaitForPhaseAsync("result");
        await Assertions.Expect(board.TieItems).ToHaveCountAsync(2);
        await CheckAllScreensAsync(board, "tie", screenshot: "board-tie", mustShow: room.Tied(1));
        await Assertions.Expect(phone.Locator("[data-testid=phone-tie]")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(phone, "phone-room-tie");

        await room.StartRunoffAsync(1);
        await board.Page.Locator("[data-testid=board-tie][data-runoff=open]").WaitForAsync();
        await CheckAllScreensAsync(board, "runoff", mustShow: room.Tied(1));

        await room.SettleByRunoffAsync(1);
        await Assertions.Expect(board.Top3Items).ToHaveCountAsync(3);
        await CheckAllScreensAsync(board, "result", screenshot: "board-result");
        await Assertions.Expect(phone.Locator("[data-testid=phone-phase][data-phase=result]")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(phone, "phone-room-result");
        await phone.Context.CloseAsync();

        for (var q = 2; q <= room.QuestionCount; q++)
        {
            await room.PlayAsync(q);
        }
        await room.GoToAsync(room.QuestionCount + 1);
        await Assertions.Expect(board.Page.Locator("[data-testid=wrapup-item]")).ToHaveCountAsync(3 * room.QuestionCount);
        await CheckAllScreensAsync(board, "wrap-up", screenshot: "board-wrap-up");

        // Closed to newcomers: no code, no QR code, and the board says so.
        await room.CloseJoiningAsync();
        await Assertions.Expect(board.Page.Locator("[data-testid=joining-closed]")).ToHaveTextAsync("Aanmelden is gesloten");
        await Assertions.Expect(board.Page.Locator("[data-testid=join-code]")).ToHaveCountAsync(0);
        await Assertions.Expect(board.Page.Locator(".qr-code")).ToHaveCountAsync(0);
        await CheckAllScreensAsync(board, "wrap-up closed");
    }

    [Fact]
    public async Task From_one_answer_to_150_in_English_the_board_fits_and_a_closed_lobby_hides_the_way_in()
    {
        var room = await Room.CreateAsync(browser.App.Services, new RoomOptions(Language: "en", Participants: 40, AnswersPerQuestion: 150));
        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(room.BoardPath);
        Assert.Equal("en", await board.Page.Locator("[data-testid=board]").GetAttributeAsync("lang"));

        await room.CloseJoiningAsync();
        await Assertions.Expect(board.Page.Locator("[data-testid=joining-closed]")).ToContainTextAsync("Joining is closed");
        await Assertions.Expect(board.Page.Locator("[data-testid=join-code]")).ToHaveCountAsync(0);
        await Assertions.Expect(board.Page.Locator(".qr-code")).ToHaveCountAsync(0);
        Assert.DoesNotContain(room.JoinCode, await board.Page.Locator("[data-testid=board]").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAllScreensAsync(board, "closed lobby");

        // One answer: large type, no pages.
        await room.CollectAsync(2, count: 1);
        await board.WaitForAnswerCountAsync(1);
        var one = await CheckAllScreensAsync(board, "one answer");
        Assert.Equal(1, one.Pages);
        Assert.True(one.AnswerFont >= 1.5 * one.Floor, $"One short answer is shown at {one.AnswerFont} px; the screen has room for far more than the floor of {one.Floor} px.");

        await room.CollectAsync(1);
        await board.WaitForAnswerCountAsync(150);
        Assert.Equal("closed", await board.Page.Locator("[data-testid=board]").GetAttributeAsync("data-joining"));
        await Assertions.Expect(board.Page.Locator("[data-testid=join-code]")).ToHaveCountAsync(0);
        var collect = await CheckAllScreensAsync(board, "150 answers");
        Assert.True(collect.Pages > 1);
        await CheckPagingAsync(board, room);

        await room.ConvergeAsync(1);
        await room.VoteAsync(1);
        await board.WaitForPhaseAsync("vote");
        await CheckAllScreensAsync(board, "150 answers vote");
        await room.ResultAsync(1);
        await Assertions.Expect(board.TieItems).ToHaveCountAsync(2);
        await CheckAllScreensAsync(board, "150 answers tie", mustShow: room.Tied(1));
    }

    /// <summary>
    /// A board re-renders on every ballot. Ballots that change no word on it (counts that keep their number
    /// of digits, a new order of the answers) keep the sizes and columns found before (a paged board cuts its
    /// pages again for the new order), and the board still fits; a count that gains a digit makes it search
    /// again. With 64 answers and live counts, as the room fixture votes.
    /// </summary>
    [Fact]
    public async Task Ballots_that_change_no_words_keep_the_fit_and_a_wider_count_fits_again()
    {
        var room = await Room.CreateAsync(browser.App.Services);
        var board = new BoardScreen(await browser.NewPageAsync(1920, 1080));
        await board.OpenAsync(room.BoardPath);
        await room.CollectAsync(1);
        await room.ConvergeAsync(1);
        await room.SetPhaseAsync(1, Phase.Vote);
        await board.WaitForPhaseAsync("vote");
        await Assertions.Expect(board.Page.Locator("[data-testid=answer-dots]").First).ToHaveTextAsync("0");
        Assert.Empty((await MeasureAsync(board.Page)).Problems);
        var searches = await FullFitsAsync(board.Page);

        // Nine ballots that move answers up the list: shown, still fitting, no new search.
        var kinds = new List<string>();
        for (var p = 0; p < 9; p++)
        {
            await ShownAndFittedAsync(board.Page, () => room.CastAsync(1, p, 20 + p, 40 + p));
            Assert.Empty((await MeasureAsync(board.Page)).Problems);
            var board0 = board.Page.Locator("[data-testid=board]");
            Assert.True(searches == await FullFitsAsync(board.Page), $"Ballot {p + 1} made the board search its sizes again: {await board0.GetAttributeAsync("data-fit-why")}");
            kinds.Add((await board0.GetAttributeAsync("data-fit-full"))!);
        }
        output.WriteLine($"after each ballot: {string.Join(", ", kinds)}");
        Assert.All(kinds, k => Assert.Contains(k, new[] { "0", "pages" }));

        // One answer gets its tenth dot: a count of two digits is a wider word, so the board searches again.
        for (var p = 9; p < 19; p++)
        {
            await room.CastAsync(1, p, 20);
        }
        var dots = board.Page.Locator($"[data-testid=board-answer][data-answer-id='{room.Answers(1)[20]}'] [data-testid=answer-dots]");
        await Assertions.Expect(dots).ToHaveTextAsync("11");
        await WaitFittedAsync(board.Page);
        Assert.True(await FullFitsAsync(board.Page) > searches, "A count that gained a digit did not make the board fit again.");
        Assert.Empty((await MeasureAsync(board.Page)).Problems);
    }

    private static async Task<int> FullFitsAsync(IPage page) =>
        int.Parse((await page.Locator("[data-testid=board]").GetAttributeAsync("data-fit-count"))!, CultureInfo.InvariantCulture);

    private static Task WaitFittedAsync(IPage page) =>
        page.WaitForFunctionAsync("() => { const b = document.querySelector('[data-testid=board]'); return b.dataset.fitted === `${b.dataset.version} ${innerWidth}x${innerHeight}`; }");

    /// <summary>Does something that changes the session, then waits until the board shows a newer version and has fitted it.</summary>
    private static async Task ShownAndFittedAsync(IPage page, Func<Task> change)
    {
        var before = await page.Locator("[data-testid=board]").GetAttributeAsync("data-version");
        await change();
        await page.WaitForFunctionAsync(
            "before => { const b = document.querySelector('[data-testid=board]'); return b.dataset.version !== before && b.dataset.fitted === `${b.dataset.version} ${innerWidth}x${innerHeight}`; }",
            before);
    }

    /// <summary>
    /// Waits for the board to turn a page by itself; then turns the pages with the facilitator's command
    /// (the console's buttons) until every page was seen, and checks that every answer was on one; a
    /// presenter's clicker (PageDown, PageUp) turns them on the board itself.
    /// </summary>
    private static async Task CheckPagingAsync(BoardScreen board, Room room)
    {
        var answers = await ActiveAnswersAsync(room);
        var page = board.Page;
        var indicator = page.Locator("[data-testid=page-indicator]");
        var (current, count) = await PageAsync(page);
        await Assertions.Expect(indicator).ToBeVisibleAsync();
        await Assertions.Expect(indicator).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"\b{current}/{count}$"));

        // By itself: the page changes within the interval (8 s), and different answers are on screen.
        var before = await VisibleAnswersAsync(page);
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=board]').dataset.fitPage !== '{current}'", null, new() { Timeout = 12_000 });
        var after = await VisibleAnswersAsync(page);
        Assert.Empty(before.Intersect(after));

        // Every answer is on some page: step through all of them.
        var seen = new HashSet<string>(after);
        for (var i = 0; i < count; i++)
        {
            seen.UnionWith(await VisibleAnswersAsync(page));
            await TurnPageAsync(page, () => room.TurnBoardPageAsync(1), 1);
        }
        var missing = answers.Select(a => a.ToString()).Where(a => !seen.Contains(a)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {answers.Count} answers were on no page of {count}.");

        await TurnPageAsync(page, () => room.TurnBoardPageAsync(-1), -1);
        await TurnPageAsync(page, () => page.Keyboard.PressAsync("PageDown"), 1);
        await TurnPageAsync(page, () => page.Keyboard.PressAsync("PageUp"), -1);
    }

    private static async Task<List<Guid>> ActiveAnswersAsync(Room room)
    {
        var snapshot = await room.SnapshotAsync();
        return [.. snapshot.Questions[snapshot.CurrentQuestion - 1].Answers.Where(a => a.MergedInto is null && !a.Hidden).Select(a => a.Id)];
    }

    /// <summary>Turns the board's page one way and waits for the board to show the page next to the one it showed.</summary>
    private static async Task TurnPageAsync(IPage page, Func<Task> turn, int by)
    {
        var (current, count) = await PageAsync(page);
        var expected = ((current - 1 + by) % count + count) % count + 1;
        await turn();
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=board]').dataset.fitPage === '{expected}'");
    }

    private static async Task<(int Current, int Count)> PageAsync(IPage page)
    {
        var board = page.Locator("[data-testid=board]");
        var current = int.Parse((await board.GetAttributeAsync("data-fit-page"))!, CultureInfo.InvariantCulture);
        var count = int.Parse((await board.GetAttributeAsync("data-fit-pages"))!, CultureInfo.InvariantCulture);
        return (current, count);
    }

    private static async Task<HashSet<string>> VisibleAnswersAsync(IPage page) =>
        [.. await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=board-answer]')].filter(e => e.checkVisibility()).map(e => e.dataset.answerId)")];

    private async Task<FitReport> CheckAllScreensAsync(BoardScreen board, string stage, string? screenshot = null, IReadOnlyList<Guid>? mustShow = null)
    {
        FitReport? first = null;
        foreach (var (width, height) in Screens)
        {
            await board.Page.SetViewportSizeAsync(width, height);
            var report = await MeasureAsync(board.Page);
            output.WriteLine($"{stage} {width}x{height}: page height {report.ScrollHeight}/{height}, smallest text {report.SmallestFont:F1} px (floor {report.Floor:F1}), answers at {report.AnswerFont:F1} px, {report.Visible} shown, page {report.Page}/{report.Pages}, fitted in {report.FitMs:F0} ms");
            Assert.True(report.Problems.Length == 0, $"{stage} at {width}x{height}:\n" + string.Join("\n", report.Problems));
            if (report.Pages > 1)
            {
                await Assertions.Expect(board.Page.Locator("[data-testid=page-indicator]")).ToBeVisibleAsync();
            }
            foreach (var id in mustShow ?? [])
            {
                // The tied answers are shown on every page, whatever else has to wait for its turn.
                var tied = board.Page.Locator($"[data-testid=tie-item][data-answer-id='{id}']");
                await Assertions.Expect(tied).ToBeVisibleAsync();
            }
            first ??= report;
        }
        await board.Page.SetViewportSizeAsync(Screens[0].Width, Screens[0].Height);
        if (screenshot is not null)
        {
            await MeasureAsync(board.Page);
            await Screenshots.TakeAsync(board.Page, screenshot);
        }
        return first!;
    }

    /// <summary>
    /// Waits until the board has fitted itself and every animation has ended (a screenshot shows the final
    /// state), then measures what a person at the back of the room would notice.
    /// </summary>
    private static async Task<FitReport> MeasureAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>(MeasureScript);
        return json.Deserialize<FitReport>(JsonWeb)!;
    }

    private sealed record FitReport(string[] Problems, double ScrollHeight, double SmallestFont, double AnswerFont, double Floor, int Visible, int Page, int Pages, double FitMs);

    private const string MeasureScript = """
        async () => {
            const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const W = window.innerWidth, H = window.innerHeight;
            const fitted = () => { const b = document.querySelector('[data-testid=board]'); return b.dataset.fitted === `${b.dataset.version} ${W}x${H}`; };
            // The board is done when it has fitted the state it shows at this size, and nothing newer came in since.
            for (let i = 0; i < 100 && !fitted(); i++) await frame();
            await frame();
            await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
            await frame();
            const floor = Math.max(W * 24 / 1920, H * 24 / 1080);
            const board = document.querySelector('[data-testid=board]');
            const problems = [];
            const root = document.documentElement;
            if (root.scrollHeight > H) problems.push(`the page is ${root.scrollHeight} px tall on a screen of ${H}`);
            if (root.scrollWidth > W) problems.push(`the page is ${root.scrollWidth} px wide on a screen of ${W}`);
            const region = board.querySelector('[data-testid=board-fit]');
            const box = region ? region.getBoundingClientRect() : { top: 0, left: 0, bottom: H, right: W };
            const items = [...board.querySelectorAll('[data-testid=board-answer],[data-testid=top3-item],[data-testid=tie-item],[data-testid=wrapup-question]')]
                .filter(e => e.checkVisibility());
            for (const e of items) {
                const r = e.getBoundingClientRect();
                const inside = (b) => r.top >= b.top - 0.5 && r.left >= b.left - 0.5 && r.bottom <= b.bottom + 0.5 && r.right <= b.right + 0.5;
                if (!inside({ top: 0, left: 0, bottom: H, right: W }) || !inside(box)) {
                    problems.push(`cut off: "${e.innerText.slice(0, 40)}" at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`
                        + ` in ${Math.round(box.left)},${Math.round(box.top)}-${Math.round(box.right)},${Math.round(box.bottom)}`
                        + (region ? ` (scroll ${region.scrollWidth}x${region.scrollHeight}, client ${region.clientWidth}x${region.clientHeight}, font ${region.style.fontSize}, columns ${region.querySelector('[data-fit-list]')?.style.columnCount}, fitted ${board.dataset.fitted}, version ${board.dataset.version}, page ${board.dataset.fitPage}/${board.dataset.fitPages})` : ''));
                }
            }
            // A word may not run out of its box (it would be cut or overlap) and may break only by hyphenation,
            // which Debian's Chromium lacks: so any word on two lines is a word broken in the middle.
            for (const e of board.querySelectorAll('[data-fit-word]')) {
                if (!e.checkVisibility()) continue;
                if (e.scrollWidth > e.clientWidth + 1) problems.push(`a word runs out of "${e.innerText.slice(0, 40)}"`);
                if (e.hasAttribute('data-fit-wrap')) problems.push(`broken anywhere: "${e.innerText.slice(0, 40)}"`);
            }
            let smallest = Infinity, smallestText = '';
            const walker = document.createTreeWalker(board, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (!n.textContent.trim() || !n.parentElement.checkVisibility()) continue;
                const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
                if (size < smallest) { smallest = size; smallestText = n.textContent.trim().slice(0, 40); }
            }
            if (smallest < floor - 0.05) problems.push(`"${smallestText}" is ${smallest.toFixed(1)} px, under the floor of ${floor.toFixed(1)} px`);
            const first = items[0];
            return {
                problems,
                scrollHeight: root.scrollHeight,
                smallestFont: smallest === Infinity ? floor : smallest,
                answerFont: first ? parseFloat(getComputedStyle(first).fontSize) : 0,
                floor,
                visible: items.length,
                page: Number(board.dataset.fitPage || 1),
                pages: Number(board.dataset.fitPages || 1),
                fitMs: Number(board.dataset.fitMs || 0),
            };
        }
        """;
}
