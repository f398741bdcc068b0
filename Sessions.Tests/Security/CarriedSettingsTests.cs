using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Reports;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Security;

/// <summary>
/// Found after the outside probe: a session archived and imported, duplicated or saved as a template lost its
/// "close joining when voting opens" setting, so the copy let sock puppets in where the original did not.
/// </summary>
public sealed class CarriedSettingsTests
{
    private static async Task<(CoreHarness Core, CreatedSession Session)> StartAsync()
    {
        var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        await core.Facilitator.UpdateSettingsAsync(session.SessionId, session.FacilitatorKey, new SettingsChange(null, null, null, null, null, CloseJoiningWhenVoting: true));
        return (core, session);
    }

    [Fact]
    public async Task Closing_joining_when_voting_opens_survives_the_json_archive()
    {
        var (core, session) = await StartAsync();
        await using var _ = core;
        var reports = core.Services.GetRequiredService<ReportService>();

        var archive = (await reports.RenderAsync(session.SessionId, session.FacilitatorKey, "json")).Content;
        var imported = await core.Services.GetRequiredService<SessionImporter>().ImportAsync(new MemoryStream(archive));

        Assert.True(JsonDocument.Parse(archive).RootElement.GetProperty("settings").GetProperty("closeJoiningWhenVoting").GetBoolean());
        Assert.True((await core.Reader.GetAsync(imported.SessionId)).Settings.CloseJoiningWhenVoting);
    }

    [Fact]
    public async Task An_archive_written_before_the_setting_existed_imports_with_it_off()
    {
        var (core, session) = await StartAsync();
        await using var _ = core;
        var archive = Encoding.UTF8.GetString((await core.Services.GetRequiredService<ReportService>().RenderAsync(session.SessionId, session.FacilitatorKey, "json")).Content);
        var older = archive.Replace(",\n    \"closeJoiningWhenVoting\": true", "", StringComparison.Ordinal);
        Assert.DoesNotContain("closeJoiningWhenVoting", older, StringComparison.Ordinal);

        var imported = await core.Services.GetRequiredService<SessionImporter>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(older)));

        Assert.False((await core.Reader.GetAsync(imported.SessionId)).Settings.CloseJoiningWhenVoting);
    }

    [Fact]
    public async Task Closing_joining_when_voting_opens_survives_duplicating_and_saving_as_a_template()
    {
        var (core, session) = await StartAsync();
        await using var _ = core;
        var templates = core.Services.GetRequiredService<TemplateService>();

        var copy = await core.Catalog.DuplicateAsync(session.SessionId, session.FacilitatorKey);
        var saved = await templates.SaveFromSessionAsync(session.SessionId, session.FacilitatorKey, "Strict");
        var fromTemplate = await core.Catalog.CreateAsync((await templates.DraftAsync(saved.Key))!);

        Assert.True((await core.Reader.GetAsync(copy.SessionId)).Settings.CloseJoiningWhenVoting);
        Assert.True((await core.Reader.GetAsync(fromTemplate.SessionId)).Settings.CloseJoiningWhenVoting);
    }
}
