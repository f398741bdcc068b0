using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sessions.App.Components.Pages.Participant;
using Sessions.App.Components.Shared;
using Sessions.Core.Services;
using Sessions.App.Resources;
using Sessions.Tests.Support;

namespace Sessions.Tests.Components;

/// <summary>A screen keeps its own language when someone else's change, made in another language, wakes it.</summary>
public sealed class CultureTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly BunitContext _ctx = new();
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

    public async Task InitializeAsync()
    {
        await _ctx.UseSessionsAsync(_database, interactive: true);
    }

    public async Task DisposeAsync()
    {
        CultureInfo.CurrentUICulture = _before;
        await _ctx.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task An_english_phone_stays_english_when_a_dutch_request_changes_what_it_shows()
    {
        var session = await _ctx.Services.GetRequiredService<SessionCatalog>().CreateAsync(new CreateSessionRequest("Taal", Questions: ["Vraag?"]));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        var phone = _ctx.Render<JoinPage>(p => p.Add(x => x.JoinCode, session.JoinCode));
        phone.WaitForAssertion(() => Assert.Contains(Labels.English.JoinButton, phone.Find("[data-testid=join-button]").TextContent, StringComparison.Ordinal));

        // Someone else's request, in Dutch, changes what the phone shows (a phone renders only then): a Dutch
        // participant joins and the facilitator, in Dutch too, renames the session.
        await Task.Run(async () =>
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
            await _ctx.Services.GetRequiredService<ParticipantService>().JoinAsync(session.JoinCode, new JoinRequest("Jan", null, false));
            await _ctx.Services.GetRequiredService<FacilitatorService>().UpdateDetailsAsync(session.SessionId, session.FacilitatorKey,
                new DetailsChange("Nieuwe titel", null, "nl", "", ""));
        });

        phone.WaitForAssertion(() => Assert.Equal("Nieuwe titel", phone.Find(".phone-title").TextContent));
        Assert.Contains(Labels.English.JoinButton, phone.Find("[data-testid=join-button]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Labels.Dutch.JoinButton, phone.Markup, StringComparison.Ordinal);
    }
}
