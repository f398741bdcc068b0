using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Services;

public class FacilitatorAuthorizationTests : ServiceTestBase
{
    private sealed record Fixture(CreatedSession Session, string ParticipantToken, Guid A, Guid B);

    private async Task<Fixture> ArrangeAsync()
    {
        var created = await H.CreateAsync(questions: 2);
        var token = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, token, "A");
        var b = await H.AnswerAsync(created, token, "B");
        await H.MoveToAsync(created, Phase.Converge);
        return new Fixture(created, token, a, b);
    }

    private static IEnumerable<(string Name, Func<string?, Task> Run)> Commands(CoreHarness h, Fixture f)
    {
        var id = f.Session.SessionId;
        yield return ("SetPhase", key => h.Facilitator.SetPhaseAsync(id, key, 1, Phase.Vote));
        yield return ("GoTo", key => h.Facilitator.GoToAsync(id, key, 1));
        yield return ("Merge", key => h.Facilitator.MergeAsync(id, key, 1, f.B, f.A));
        yield return ("Unmerge", key => h.Facilitator.UnmergeAsync(id, key, 1, f.B));
        yield return ("PatchAnswer", key => h.Facilitator.PatchAnswerAsync(id, key, 1, f.A, "changed", true));
        yield return ("ChooseTieWinners", key => h.Facilitator.ChooseTieWinnersAsync(id, key, 1, [f.A]));
        yield return ("StartRunoff", key => h.Facilitator.StartRunoffAsync(id, key, 1));
        yield return ("CloseRunoff", key => h.Facilitator.CloseRunoffAsync(id, key, 1));
        yield return ("UpdateSettings", key => h.Facilitator.UpdateSettingsAsync(id, key, new SettingsChange(5, 2, false, true, false)));
        yield return ("UpdateDetails", key => h.Facilitator.UpdateDetailsAsync(id, key, new DetailsChange("Hijacked", null, "en", null, null)));
        yield return ("RevealAnswers", key => h.Facilitator.RevealAnswersAsync(id, key, 1));
        yield return ("RevealCounts", key => h.Facilitator.RevealCountsAsync(id, key, 1));
        yield return ("AddAnswer", key => h.Facilitator.AddAnswerAsync(id, key, 1, "Injected"));
        yield return ("EnsureFacilitator", key => h.Catalog.EnsureFacilitatorAsync(id, key));
        yield return ("TurnBoardPage", key => h.Facilitator.TurnBoardPageAsync(id, key, 1));
        yield return ("Delete", key => h.Catalog.DeleteAsync(id, key));
    }

    private async Task AssertEveryCommandRefusedAsync(Func<Fixture, string?> key, SessionError expected)
    {
        var f = await ArrangeAsync();
        var before = await H.SnapshotAsync(f.Session);
        foreach (var (name, run) in Commands(H, f))
        {
            var ex = await Assert.ThrowsAsync<SessionRuleException>(() => run(key(f)));
            Assert.True(ex.Error == expected, $"{name} gave {ex.Error}, expected {expected}");
        }
        var after = await H.SnapshotAsync(f.Session);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal("Test session", after.Title);
        Assert.Equal(Phase.Converge, after.Question(1)!.Phase);
        Assert.Equal(2, after.Question(1)!.Answers.Count);
        Assert.All(after.Question(1)!.Answers, a => Assert.True(a.IsActive));
    }

    [Fact]
    public Task Every_facilitator_command_with_a_wrong_key_is_forbidden_and_changes_nothing() =>
        AssertEveryCommandRefusedAsync(_ => "not-the-key", SessionError.Forbidden);

    [Fact]
    public Task Every_facilitator_command_without_a_key_is_unauthorized_and_changes_nothing() =>
        AssertEveryCommandRefusedAsync(_ => null, SessionError.Unauthorized);

    [Fact]
    public Task Every_facilitator_command_with_a_participant_token_is_forbidden_and_changes_nothing() =>
        AssertEveryCommandRefusedAsync(f => f.ParticipantToken, SessionError.Forbidden);

    [Fact]
    public async Task Key_of_another_session_is_forbidden()
    {
        var f = await ArrangeAsync();
        var other = await H.CreateAsync();

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() =>
            H.Facilitator.SetPhaseAsync(f.Session.SessionId, other.FacilitatorKey, 1, Phase.Vote));

        Assert.Equal(SessionError.Forbidden, ex.Error);
        Assert.Equal("converge", (await H.PublicAsync(f.Session)).Questions[0].Phase);
    }

    [Fact]
    public async Task Facilitator_command_on_an_unknown_session_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<SessionRuleException>(() =>
            H.Facilitator.SetPhaseAsync(Guid.NewGuid(), "any", 1, Phase.Converge));

        Assert.Equal(SessionError.NotFound, ex.Error);
    }
}
