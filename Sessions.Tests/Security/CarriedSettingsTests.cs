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

    private static Task<CoreHarness> StartWithDefaultsAsync() =>
        CoreHarness.StartAsync(services => services.Configure<SessionDefaults>(d =>
        {
            d.DotsPerParticipant = 5;
            d.MaxDotsPerAnswer = 2;
            d.LiveCounts = false;
            d.SilentWriting = true;
            d.AskOrganisation = false;
            d.CloseJoiningWhenVoting = true;
        }));

    private static async Task<string> ArchiveAsync(CoreHarness core)
    {
        var session = await core.CreateAsync();
        return Encoding.UTF8.GetString((await core.Reports.RenderAsync(session.SessionId, session.FacilitatorKey, "json")).Content);
    }

    [Fact]
    public async Task An_archive_without_settings_imports_with_the_configured_defaults_not_zeros()
    {
        await using var core = await StartWithDefaultsAsync();
        var archive = System.Text.Json.Nodes.JsonNode.Parse(await ArchiveAsync(core))!.AsObject();
        archive.Remove("settings");

        var imported = await core.Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(archive.ToJsonString())));

        var settings = (await core.Reader.GetAsync(imported.SessionId)).Settings;
        Assert.Equal((5, 2, false, true, false, true),
            (settings.DotsPerParticipant, settings.MaxDotsPerAnswer, settings.LiveCounts, settings.SilentWriting, settings.AskOrganisation, settings.CloseJoiningWhenVoting));
    }

    [Fact]
    public async Task A_setting_the_archive_leaves_out_takes_the_configured_default_and_the_ones_it_gives_stand()
    {
        await using var core = await StartWithDefaultsAsync();
        var archive = System.Text.Json.Nodes.JsonNode.Parse(await ArchiveAsync(core))!.AsObject();
        archive["settings"] = new System.Text.Json.Nodes.JsonObject { ["dotsPerParticipant"] = 7, ["liveCounts"] = true };

        var imported = await core.Importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(archive.ToJsonString())));

        var settings = (await core.Reader.GetAsync(imported.SessionId)).Settings;
        Assert.Equal((7, 2, true, true, false, true),
            (settings.DotsPerParticipant, settings.MaxDotsPerAnswer, settings.LiveCounts, settings.SilentWriting, settings.AskOrganisation, settings.CloseJoiningWhenVoting));
    }
}
