using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Sessions.App.Components.Pages.Participant;
using Sessions.App.Components.Shared;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>
/// The phone's page on the real core, on PostgreSQL: there the first read of a session yields (SQLite's
/// reads complete at once), so the page renders once before it has the session, as under load in a browser.
/// </summary>
[Needs(TestServers.Postgres)]
public sealed class JoinPageTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new(Sessions.Core.Data.DatabaseProvider.Postgres);
    private readonly BunitContext _ctx = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseSessionsAsync(_database, interactive: true, popovers: false);
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_phone_whose_first_render_comes_before_the_session_has_loaded_still_shows_the_join_form()
    {
        var session = await _ctx.Services.GetRequiredService<SessionCatalog>()
            .CreateAsync(new CreateSessionRequest("Phone test", Questions: ["What matters?"], Language: "en"));

        // The session is read from PostgreSQL, so the first render has no session yet.
        var page = _ctx.Render<JoinPage>(p => p.Add(x => x.JoinCode, session.JoinCode));

        page.WaitForElement("#name-input", TimeSpan.FromSeconds(10));
        Assert.True(page.Find("[data-testid=participant]").HasAttribute("data-ready"));
    }
}
