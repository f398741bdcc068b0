using Microsoft.Playwright;

namespace Sessions.Tests.Browser;

/// <summary>The projector screen.</summary>
public sealed class BoardScreen(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string url)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-testid=board]").WaitForAsync();
    }

    public async Task<string> JoinCodeAsync() => (await page.Locator("[data-testid=join-code]").First.InnerTextAsync()).Trim();

    public Task WaitForPhaseAsync(string phase) =>
        page.Locator($"[data-testid=board-phase][data-phase={phase}]").WaitForAsync();

    public Task WaitForAnswerCountAsync(int count) =>
        Assertions.Expect(page.Locator("[data-testid=board-answer]")).ToHaveCountAsync(count);

    public ILocator Top3Items => page.Locator("[data-testid=top3-item]");

    public ILocator TieItems => page.Locator("[data-testid=tie-item]");
}

/// <summary>A participant's phone.</summary>
public sealed class PhoneScreen(IPage page)
{
    public IPage Page => page;

    public async Task JoinAsync(string joinCode, string name, string? organisation, bool mayBeNamed)
    {
        await page.GotoAsync($"/join/{joinCode}");
        try
        {
            await page.Locator("#name-input").FillAsync(name);
        }
        catch (TimeoutException)
        {
            // What the phone showed instead of the form, for whoever reads the failure.
            await Screenshots.TakeAsync(page, $"phone-join-timeout-{joinCode}");
            await File.WriteAllTextAsync(Path.Combine(Screenshots.Folder, $"phone-join-timeout-{joinCode}.html"), await page.ContentAsync());
            throw;
        }
        if (organisation is not null)
        {
            await page.Locator("#organisation-input").FillAsync(organisation);
        }
        if (mayBeNamed)
        {
            await page.Locator(".phone input[type=checkbox]").CheckAsync();
        }
        await page.Locator("[data-testid=join-button]").ClickAsync();
        await page.Locator("[data-testid=me]").WaitForAsync();
    }

    public Task WaitForPhaseAsync(string phase) =>
        page.Locator($"[data-testid=phone-phase][data-phase={phase}]").WaitForAsync();

    public async Task AnswerAsync(string text)
    {
        var before = await page.Locator("[data-testid=own-answer]").CountAsync();
        await page.Locator("#answer-input").FillAsync(text);
        await page.Locator("[data-testid=send-answer]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=own-answer]")).ToHaveCountAsync(before + 1);
    }

    public async Task AddDotAsync(string answerText)
    {
        var item = page.Locator("[data-testid=vote-item]", new PageLocatorOptions { HasText = answerText });
        var before = int.Parse(await item.Locator("[data-testid=my-dots]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await item.Locator("[data-testid=add-dot]").ClickAsync();
        await Assertions.Expect(item.Locator("[data-testid=my-dots]")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public ILocator DotsLeft => page.Locator("[data-testid=dots-left] .vote-remaining-number");

    public ILocator Top3Items => page.Locator("[data-testid=phone-top3-item]");
}

/// <summary>The facilitator's laptop.</summary>
public sealed class ConsoleScreen(IPage page)
{
    public IPage Page => page;

    /// <summary>Creates a session from the home page, which lands in its console; returns the board link.</summary>
    public async Task<string> CreateFromTemplateAsync()
    {
        await page.GotoAsync("/");
        await page.Locator("[data-testid=home][data-interactive]").WaitForAsync();
        await page.Locator("[data-testid=create-button]").ClickAsync();
        await page.Locator("[data-testid=question-console]").WaitForAsync();
        return (await page.Locator("[data-testid=open-board]").GetAttributeAsync("href"))!;
    }

    /// <summary>Opens a session's console by its facilitator link.</summary>
    public async Task OpenAsync(Guid sessionId, string facilitatorKey)
    {
        // The console reads its key and subscribes after the first render: on a busy machine that takes a while.
        await page.GotoAsync($"/facilitate/{sessionId}?key={Uri.EscapeDataString(facilitatorKey)}", new() { Timeout = 30_000 });
        await page.Locator("[data-testid=question-console]").WaitForAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Shows <paramref name="position"/> on every screen, saying yes if the console asks first.</summary>
    public async Task GoToAsync(int position)
    {
        await page.Locator($"[data-testid=goto-{position}]").ClickAsync();
        await ConfirmIfAskedAsync(page.Locator($"[data-testid=live-now][data-position='{position}']"));
    }

    /// <summary>Moves the question to <paramref name="phase"/>, saying yes if the console asks first.</summary>
    public async Task SetPhaseAsync(string phase)
    {
        await page.Locator($"[data-testid=phase-{phase}]").ClickAsync();
        await ConfirmIfAskedAsync(page.Locator($"[data-testid=console-phase][data-phase={phase}]"));
    }

    /// <summary>The console's question before a move (a MudBlazor message box).</summary>
    public ILocator Dialog => page.Locator(".mud-dialog");

    public Task ConfirmAsync() => Dialog.Locator(".mud-dialog-actions button").Last.ClickAsync();

    public Task CancelAsync() => Dialog.Locator(".mud-dialog-actions button", new() { HasText = "Cancel" }).ClickAsync();

    private async Task ConfirmIfAskedAsync(ILocator done)
    {
        await done.Or(Dialog).First.WaitForAsync();
        if (await Dialog.CountAsync() > 0)
        {
            await ConfirmAsync();
        }
        await done.WaitForAsync();
    }

    /// <summary>One answer in the merge panel, by its exact words.</summary>
    public ILocator MergeItem(string text) =>
        page.Locator("[data-testid=merge-item]").Filter(new() { Has = page.Locator("[data-testid=merge-item-text]", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(text) + "$") }) });

    /// <summary>Merges with the keyboard's way: the answer's "Merge into…" button, then the target found by typing.</summary>
    public async Task MergeAsync(string source, string target)
    {
        await MergeItem(source).Locator("[data-testid=merge-into]").ClickAsync();
        var picker = page.Locator("[data-testid=merge-picker]");
        await picker.Locator("input").FillAsync(target);
        await picker.Locator("[data-testid=merge-picker-option]", new() { HasText = target }).First.ClickAsync();
        await Assertions.Expect(MergeItem(source)).ToHaveCountAsync(0);
    }
}
