using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Facilitation;

public sealed class SettingsTests
{
    [Fact]
    public async Task A_change_to_one_setting_leaves_the_others_as_they_are()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.Catalog.CreateAsync(new CreateSessionRequest("S", Questions: ["Q?"], DotsPerParticipant: 5, MaxDotsPerAnswer: 2, SilentWriting: true));

        await core.Facilitator.UpdateSettingsAsync(session.SessionId, session.FacilitatorKey, new SettingsChange(null, null, LiveCounts: false, null, null));

        var settings = (await core.Reader.GetAsync(session.SessionId)).Settings;
        Assert.Equal(new SettingsSnapshot(5, 2, LiveCounts: false, SilentWriting: true, AskOrganisation: true), settings);
    }

    [Fact]
    public async Task Two_settings_changed_at_once_by_two_screens_both_hold()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();

        await Task.WhenAll(
            Task.Run(() => core.Facilitator.UpdateSettingsAsync(session.SessionId, session.FacilitatorKey, new SettingsChange(7, null, null, null, null))),
            Task.Run(() => core.Facilitator.UpdateSettingsAsync(session.SessionId, session.FacilitatorKey, new SettingsChange(null, null, null, SilentWriting: true, null))));

        var settings = (await core.Reader.GetAsync(session.SessionId)).Settings;
        Assert.Equal(7, settings.DotsPerParticipant);
        Assert.True(settings.SilentWriting);
    }
}
