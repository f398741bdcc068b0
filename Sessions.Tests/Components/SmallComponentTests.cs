using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Sessions.App.Components.Shared;

namespace Sessions.Tests.Components;

public sealed class SmallComponentTests
{
    private static BunitContext Context()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddLocalization();
        return ctx;
    }

    [Fact]
    public async Task A_countdown_shows_minutes_and_seconds_hands_them_to_the_browser_and_marks_zero()
    {
        await using var ctx = Context();

        var running = ctx.Render<Countdown>(p => p.Add(x => x.SecondsLeft, 125));
        Assert.Equal("2:05", running.Find("[data-testid=countdown]").TextContent);
        Assert.Equal("125000", running.Find("[data-testid=countdown]").GetAttribute("data-remaining-ms"));
        Assert.DoesNotContain("countdown-done", running.Find("[data-testid=countdown]").ClassName, StringComparison.Ordinal);

        var done = ctx.Render<Countdown>(p => p.Add(x => x.SecondsLeft, 0));
        Assert.Equal("0:00", done.Find("[data-testid=countdown]").TextContent);
        Assert.Contains("countdown-done", done.Find("[data-testid=countdown]").ClassName, StringComparison.Ordinal);

        var none = ctx.Render<Countdown>(p => p.Add(x => x.SecondsLeft, null));
        Assert.Empty(none.FindAll("[data-testid=countdown]"));
    }

    [Fact]
    public async Task The_language_switch_marks_the_current_language_and_links_back_to_this_page()
    {
        await using var ctx = Context();
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
            ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/join/ABC234");

            var switcher = ctx.Render<LanguageSwitch>();

            Assert.Equal("true", switcher.Find("[data-testid=language-nl]").GetAttribute("aria-current"));
            Assert.Null(switcher.Find("[data-testid=language-en]").GetAttribute("aria-current"));
            Assert.Equal("/culture?culture=en&redirectUri=%2Fjoin%2FABC234", switcher.Find("[data-testid=language-en]").GetAttribute("href"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }
}
