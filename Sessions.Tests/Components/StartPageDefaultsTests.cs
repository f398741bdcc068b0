using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Sessions.App.Components.Pages;
using Sessions.App.Components.Shared;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>Sessions:Defaults reaches the start page's form and the session made with it (the bug of issue 16).</summary>
public sealed class StartPageDefaultsTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();

    public async Task InitializeAsync()
    {
        // As Sessions__Defaults__DotsPerParticipant=5 and so on would set them: through the configuration's section.
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sessions:Defaults:DotsPerParticipant"] = "5",
            ["Sessions:Defaults:MaxDotsPerAnswer"] = "2",
            ["Sessions:Defaults:LiveCounts"] = "false",
            ["Sessions:Defaults:SilentWriting"] = "true",
            ["Sessions:Defaults:AskOrganisation"] = "false",
            ["Sessions:Defaults:CloseJoiningWhenVoting"] = "true",
        }).Build();
        await _ctx.UseSessionsAsync(_database, interactive: true,
            services: s => s.Configure<SessionDefaults>(configured.GetSection(SessionDefaults.Section)));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_session_made_on_the_start_page_has_the_configured_defaults()
    {
        // A browser without sessions of its own yet.
        _ctx.JSInterop.Setup<string[]>("sessionsStorageKeys", _ => true).SetResult([]);
        var home = _ctx.Render<Home>();

        var dots = home.WaitForElement("[data-testid=dots-input]");
        var input = dots.TagName == "INPUT" ? dots : dots.QuerySelector("input")!;
        Assert.Equal("5", input.GetAttribute("value"));

        home.Find("[data-testid=create-button]").Click();

        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        home.WaitForAssertion(() => Assert.Contains("/facilitate/", navigation.Uri, StringComparison.Ordinal));
        var sessionId = Guid.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..]);
        var session = await _ctx.Services.GetRequiredService<SessionReader>().GetAsync(sessionId);
        Assert.Equal(new SettingsSnapshot(5, 2, LiveCounts: false, SilentWriting: true, AskOrganisation: false, CloseJoiningWhenVoting: true), session.Settings);
    }

    [Fact]
    public async Task The_api_gives_a_setting_left_out_the_same_configured_default()
    {
        var created = await _ctx.Services.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Defaults", Questions: ["What now?"]));

        var session = await _ctx.Services.GetRequiredService<SessionReader>().GetAsync(created.SessionId);

        Assert.Equal(new SettingsSnapshot(5, 2, LiveCounts: false, SilentWriting: true, AskOrganisation: false, CloseJoiningWhenVoting: true), session.Settings);
    }
}
