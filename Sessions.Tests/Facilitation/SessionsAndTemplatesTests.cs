using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Facilitation;

public sealed class SessionsAndTemplatesTests
{
    [Fact]
    public async Task A_duplicate_has_the_questions_texts_and_settings_but_nobody_and_nothing_in_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var original = await core.Catalog.CreateAsync(new CreateSessionRequest("Planning", new DateOnly(2026, 12, 1), "en", Intro: "Hello",
            Questions: ["One?", "Two?"], DotsPerParticipant: 5, MaxDotsPerAnswer: 2, SilentWriting: true, ClosingText: "Bye"));
        var token = await core.JoinAsync(original);
        await core.Participants.SubmitAnswerAsync(original.JoinCode, 1, token, "An answer", "a");

        var copy = await core.Catalog.DuplicateAsync(original.SessionId, original.FacilitatorKey);

        var s = await core.Reader.GetAsync(copy.SessionId);
        Assert.NotEqual(original.JoinCode, copy.JoinCode);
        Assert.Equal("Planning (copy)", s.Title);
        Assert.Equal(["One?", "Two?"], s.Questions.Select(q => q.Text));
        Assert.Equal((5, 2, true), (s.Settings.DotsPerParticipant, s.Settings.MaxDotsPerAnswer, s.Settings.SilentWriting));
        Assert.Equal(("Hello", "Bye", SessionLanguage.En), (s.Intro, s.ClosingText, s.Language));
        Assert.Empty(s.Participants);
        Assert.All(s.Questions, q => Assert.Empty(q.Answers));
        await Assert.ThrowsAsync<SessionRuleException>(() => core.Catalog.DuplicateAsync(original.SessionId, token));
    }

    [Fact]
    public async Task A_session_saved_as_template_starts_the_next_session_with_its_questions_and_settings()
    {
        await using var core = await CoreHarness.StartAsync();
        var templates = core.Services.GetRequiredService<TemplateService>();
        var session = await core.Catalog.CreateAsync(new CreateSessionRequest("Retro", Questions: ["What went well?", "What next?"], DotsPerParticipant: 4, LiveCounts: false));
        await core.JoinAsync(session);

        var saved = await templates.SaveFromSessionAsync(session.SessionId, session.FacilitatorKey, "Team retro");

        var listed = await templates.ListAsync([session.FacilitatorKey]);
        Assert.Contains(listed, t => t.Key == saved.Key && t.Name == "Team retro" && !t.BuiltIn);
        Assert.Contains(listed, t => t.Key == "vernieuwen-2022" && t.BuiltIn);
        Assert.Contains(listed, t => t.Key == "blank" && t.BuiltIn);
        var draft = (await templates.DraftAsync(saved.Key))!;
        var next = await core.Catalog.CreateAsync(draft);
        var s = await core.Reader.GetAsync(next.SessionId);
        Assert.Equal(["What went well?", "What next?"], s.Questions.Select(q => q.Text));
        Assert.Equal(4, s.Settings.DotsPerParticipant);
        Assert.False(s.Settings.LiveCounts);
        Assert.Empty(s.Participants);
    }

    [Fact]
    public async Task Saving_a_template_needs_the_key_and_a_name()
    {
        await using var core = await CoreHarness.StartAsync();
        var templates = core.Services.GetRequiredService<TemplateService>();
        var session = await core.CreateAsync();

        await Assert.ThrowsAsync<SessionRuleException>(() => templates.SaveFromSessionAsync(session.SessionId, "wrong", "Name"));
        await Assert.ThrowsAsync<SessionRuleException>(() => templates.SaveFromSessionAsync(session.SessionId, session.FacilitatorKey, "  "));
        Assert.DoesNotContain(await templates.ListAsync(), t => !t.BuiltIn);
        Assert.Null(await templates.DraftAsync("saved:not-a-guid"));
    }
}
