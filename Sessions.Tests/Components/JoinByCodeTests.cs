using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Sessions.App.Components.Pages;
using Sessions.App.Components.Pages.Participant;
using Sessions.App.Components.Shared;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>Typing the code from the board: on /join and on a visitor's start page.</summary>
public sealed class JoinByCodeTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

    public async Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddTestCore(_database);
        _ctx.Services.AddScoped<BrowserStorage>();
        _ctx.Services.AddSingleton<Sessions.App.Security.AddressLimits>();
        _ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        await _ctx.Services.MigrateSessionsDatabaseAsync();
        _ctx.Render<MudPopoverProvider>();
    }

    public async Task DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _before;
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    private Task<CreatedSession> CreateAsync() =>
        _ctx.Services.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Code test", Questions: ["What matters?"]));

    private NavigationManager Navigation => _ctx.Services.GetRequiredService<NavigationManager>();

    private static void Type<TPage>(IRenderedComponent<TPage> page, string code)
        where TPage : IComponent
    {
        page.Find("[data-testid=join-code-input]").Input(code);
        page.Find("[data-testid=join-code-form]").Submit();
    }

    [Fact]
    public async Task A_code_typed_in_lower_case_with_spaces_opens_that_sessions_join_page()
    {
        var session = await CreateAsync();
        var spaced = string.Join(' ', session.JoinCode.ToLowerInvariant().Chunk(3).Select(c => new string(c)));
        var page = _ctx.Render<JoinCodePage>();

        Type(page, " " + spaced + " ");

        page.WaitForAssertion(() => Assert.EndsWith($"/join/{session.JoinCode}", Navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=join-code-error]"));
    }

    [Fact]
    public async Task An_unknown_code_gets_a_dutch_message_and_the_page_stays()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
        await CreateAsync();
        var start = Navigation.Uri;
        var page = _ctx.Render<JoinCodePage>();

        Type(page, "zzz 222");

        page.WaitForAssertion(() => Assert.Equal(
            "Geen sessie heeft de deelnamecode ZZZ222. Kijk nog eens naar de code op het scherm.",
            page.Find("[data-testid=join-code-error]").TextContent));
        Assert.Equal(start, Navigation.Uri);
        // What was typed stays, to be corrected.
        Assert.Equal("zzz 222", page.Find("[data-testid=join-code-input]").GetAttribute("value"));
    }

    [Fact]
    public void An_empty_or_malformed_code_gets_an_english_message_for_an_english_reader()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        var page = _ctx.Render<JoinCodePage>();

        Type(page, "   ");
        page.WaitForAssertion(() => Assert.Equal("Type the code that is on the board.", page.Find("[data-testid=join-code-error]").TextContent));

        Type(page, "ab");
        page.WaitForAssertion(() => Assert.StartsWith("\"AB\" is not a join code", page.Find("[data-testid=join-code-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_code_in_the_address_of_a_plain_form_post_is_tried_at_once()
    {
        var session = await CreateAsync();
        Navigation.NavigateTo($"/join?code={session.JoinCode.ToLowerInvariant()}");

        var page = _ctx.Render<JoinCodePage>();

        page.WaitForAssertion(() => Assert.EndsWith($"/join/{session.JoinCode}", Navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void A_visitor_without_a_facilitator_key_sees_the_code_field_before_the_create_form()
    {
        _ctx.JSInterop.Setup<string[]>("sessionsStorageKeys", _ => true).SetResult([]);

        var home = _ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid=join-first] [data-testid=join-code-input]")));
        var markup = home.Markup;
        Assert.True(markup.IndexOf("data-testid=\"join-code-input\"", StringComparison.Ordinal) < markup.IndexOf("data-testid=\"create-button\"", StringComparison.Ordinal));
        Assert.Empty(home.FindAll("[data-testid=join-last]"));
    }

    [Fact]
    public async Task A_facilitator_with_a_key_in_this_browser_sees_the_create_form_first_and_the_code_field_last()
    {
        var session = await CreateAsync();
        var storageKey = BrowserStorage.FacilitatorKey(session.SessionId);
        _ctx.JSInterop.Setup<string[]>("sessionsStorageKeys", _ => true).SetResult([storageKey]);
        _ctx.JSInterop.Setup<string?>("localStorage.getItem", i => (string?)i.Arguments[0] == storageKey).SetResult(session.FacilitatorKey);

        var home = _ctx.Render<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid=join-last] [data-testid=join-code-input]")));
        Assert.Empty(home.FindAll("[data-testid=join-first]"));
        var markup = home.Markup;
        Assert.True(markup.IndexOf("data-testid=\"create-button\"", StringComparison.Ordinal) < markup.IndexOf("data-testid=\"join-code-input\"", StringComparison.Ordinal));
    }
}
