using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Facilitator;
using Sessions.App.Components.Shared;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>
/// A Blazor client can send any event its circuit has a handler for. The console without the key
/// renders no control at all, and a control driven with a wrong key is refused by the core.
/// </summary>
public sealed class FacilitatorGuardTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private CreatedSession _session = default!;

    public async Task InitializeAsync()
    {
        await _ctx.UseSessionsAsync(_database, interactive: true);
        _session = await _ctx.Services.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Guarded", Questions: ["Q?"]));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public void The_console_without_the_key_renders_a_refusal_and_no_control()
    {
        var page = _ctx.Render<FacilitatePage>(p => p.Add(x => x.SessionId, _session.SessionId));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=facilitator-refused]")));
        Assert.Empty(page.FindAll("button"));
        Assert.Empty(page.FindAll("[data-testid=question-console]"));
    }

    [Fact]
    public async Task A_phase_change_sent_with_a_wrong_key_is_refused_and_changes_nothing()
    {
        var snapshot = await _ctx.Services.GetRequiredService<SessionReader>().GetAsync(_session.SessionId);
        var errors = new List<string>();
        var console = _ctx.Render<QuestionConsole>(p => p
            .Add(x => x.Question, snapshot.Questions[0])
            .Add(x => x.Session, snapshot)
            .Add(x => x.Key, "a-forged-key")
            .Add(x => x.Participants, snapshot.Participants)
            .Add(x => x.OnError, errors.Add));

        await console.Find("[data-testid=phase-converge]").ClickAsync(new MouseEventArgs());

        Assert.Contains(errors, e => e.Contains("facilitator key", StringComparison.Ordinal));
        var after = await _ctx.Services.GetRequiredService<SessionReader>().GetAsync(_session.SessionId);
        Assert.Equal(Phase.Collect, after.Questions[0].Phase);
        Assert.Equal(snapshot.Version, after.Version);
    }
}
