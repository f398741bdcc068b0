using Bunit;
using MudBlazor;
using Sessions.App.Components.Layout;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

public sealed class SharedThemeProviderTests
{
    [Fact]
    public async Task Renders_what_MudThemeProvider_renders_from_one_string_shared_by_every_circuit()
    {
        await using var first = new BunitContext();
        first.UseMud();
        await using var second = new BunitContext();
        second.UseMud();

        var original = first.Render<MudThemeProvider>(p => p.Add(x => x.Theme, SessionsTheme.Light));
        var shared = first.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, SessionsTheme.Light));
        var elsewhere = second.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, SessionsTheme.Light));

        Assert.Contains("--mud-palette-primary", original.Markup, StringComparison.Ordinal);
        Assert.Equal(original.Markup, shared.Markup);
        var markup = shared.Instance.Markup();
        Assert.NotNull(markup);
        Assert.Same(markup, elsewhere.Instance.Markup());
    }

    [Fact]
    public async Task Dark_mode_has_a_stylesheet_of_its_own()
    {
        await using var ctx = new BunitContext();
        ctx.UseMud();

        var light = ctx.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, SessionsTheme.Light));
        var dark = ctx.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, SessionsTheme.Light).Add(x => x.IsDarkMode, true));
        var darkOriginal = ctx.Render<MudThemeProvider>(p => p.Add(x => x.Theme, SessionsTheme.Light).Add(x => x.IsDarkMode, true));

        Assert.NotEqual(light.Markup, dark.Markup);
        Assert.Equal(darkOriginal.Markup, dark.Markup);
    }
}
