using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Services;

public class FacilitatorEdgeCaseTests : ServiceTestBase
{
    // An import refuses a question in collect with dots or merges; live, going back there is refused for the same reason.
    [Fact]
    public async Task A_question_with_dots_or_merged_answers_cannot_go_back_to_collect_and_one_without_can()
    {
        var created = await H.CreateAsync(questions: 3);
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");
        await H.MoveToAsync(created, Phase.Vote);
        await H.BallotAsync(created, ann, 1, a);
        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Converge);
        var b = await H.AnswerAsync(created, ann, "B", question: 2);
        var c = await H.AnswerAsync(created, ann, "C", question: 2);
        await H.MoveToAsync(created, Phase.Converge, question: 2);
        await H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 2, b, c);
        await H.AnswerAsync(created, ann, "D", question: 3);
        await H.MoveToAsync(created, Phase.Converge, question: 3);

        var dotted = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Collect));
        var merged = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 2, Phase.Collect));
        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 3, Phase.Collect);

        Assert.Equal((SessionError.Conflict, SessionError.Conflict), (dotted.Error, merged.Error));
        Assert.Contains("cannot go back to collect", dotted.Message, StringComparison.Ordinal);
        Assert.Equal(["converge", "converge", "collect"], (await H.PublicAsync(created)).Questions.Select(q => q.Phase));
    }

    [Fact]
    public async Task Merging_an_absorbing_answer_moves_what_it_absorbed_so_merges_never_chain()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");
        var b = await H.AnswerAsync(created, ann, "B");
        var c = await H.AnswerAsync(created, ann, "C");
        await H.MoveToAsync(created, Phase.Converge);

        await H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 1, b, a);
        await H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 1, a, c);

        var answers = (await H.PublicAsync(created)).Questions[0].Answers.ToDictionary(x => x.AnswerId);
        Assert.Equal(c, answers[a].MergedInto);
        Assert.Equal(c, answers[b].MergedInto);
        Assert.Null(answers[c].MergedInto);
    }

    [Fact]
    public async Task Merging_into_a_hidden_answer_is_a_conflict()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");
        var b = await H.AnswerAsync(created, ann, "B");
        await H.MoveToAsync(created, Phase.Converge);
        await H.Facilitator.PatchAnswerAsync(created.SessionId, created.FacilitatorKey, 1, a, null, true);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 1, b, a));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Null((await H.SnapshotAsync(created)).Question(1)!.Answer(b)!.MergedInto);
    }

    [Fact]
    public async Task Lowering_the_budget_below_placed_ballots_is_refused_and_the_settings_stay()
    {
        var created = await H.CreateAsync(dots: 3, maxPerAnswer: 1);
        var ann = await H.JoinAsync(created);
        var answers = new[] { await H.AnswerAsync(created, ann, "A"), await H.AnswerAsync(created, ann, "B"), await H.AnswerAsync(created, ann, "C") };
        await H.MoveToAsync(created, Phase.Vote);
        await H.BallotAsync(created, ann, 1, answers);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() =>
            H.Facilitator.UpdateSettingsAsync(created.SessionId, created.FacilitatorKey, new SettingsChange(2, 1, true, false, true)));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Equal(3, (await H.PublicAsync(created)).DotsPerParticipant);
        Assert.Equal(3, (await H.StoredBallotAsync(created, ann)).Count);
    }

    [Fact]
    public async Task Raising_the_budget_lets_participants_place_more_dots()
    {
        var created = await H.CreateAsync(dots: 1, maxPerAnswer: 1);
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");
        var b = await H.AnswerAsync(created, ann, "B");
        await H.MoveToAsync(created, Phase.Vote);
        await Assert.ThrowsAsync<SessionRuleException>(() => H.BallotAsync(created, ann, 1, a, b));

        await H.Facilitator.UpdateSettingsAsync(created.SessionId, created.FacilitatorKey, new SettingsChange(2, 1, true, false, true));
        await H.BallotAsync(created, ann, 1, a, b);

        Assert.Equal(2, (await H.StoredBallotAsync(created, ann)).Count);
    }

    [Fact]
    public async Task Moving_back_to_vote_during_an_open_runoff_drops_the_runoff()
    {
        var created = await H.CreateAsync(dots: 1, maxPerAnswer: 1);
        var ann = await H.JoinAsync(created, "Ann");
        var bob = await H.JoinAsync(created, "Bob");
        var cas = await H.JoinAsync(created, "Cas");
        var dan = await H.JoinAsync(created, "Dan");
        var answers = new[]
        {
            await H.AnswerAsync(created, ann, "A"), await H.AnswerAsync(created, ann, "B"),
            await H.AnswerAsync(created, ann, "C"), await H.AnswerAsync(created, ann, "D"),
        };
        await H.MoveToAsync(created, Phase.Vote);
        // One dot each on four answers: a four-way tie for three places.
        await H.BallotAsync(created, ann, 1, answers[0]);
        await H.BallotAsync(created, bob, 1, answers[1]);
        await H.BallotAsync(created, cas, 1, answers[2]);
        await H.BallotAsync(created, dan, 1, answers[3]);
        await H.MoveToAsync(created, Phase.Result);
        Assert.Equal(3, (await H.PublicAsync(created)).Questions[0].Tie!.Places);
        await H.Facilitator.StartRunoffAsync(created.SessionId, created.FacilitatorKey, 1);
        await H.BallotAsync(created, ann, 1, answers[0]);

        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Vote);
        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Result);

        var question = (await H.SnapshotAsync(created)).Question(1)!;
        Assert.Equal(RunoffState.None, question.Runoff);
        Assert.Empty(question.RunoffBallotOf(await H.ParticipantIdAsync(created, ann)));
        Assert.Equal("none", PublicStateBuilder.Build(question).Tie!.Runoff);
    }

    [Fact]
    public async Task Hiding_during_an_open_runoff_is_a_conflict()
    {
        var created = await H.CreateAsync(dots: 1, maxPerAnswer: 1);
        var tokens = new List<string>();
        var answers = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            tokens.Add(await H.JoinAsync(created, $"P{i}"));
            answers.Add(await H.AnswerAsync(created, tokens[i], $"Answer {i}"));
        }
        await H.MoveToAsync(created, Phase.Vote);
        for (var i = 0; i < 4; i++)
        {
            await H.BallotAsync(created, tokens[i], 1, answers[i]);
        }
        await H.MoveToAsync(created, Phase.Result);
        await H.Facilitator.StartRunoffAsync(created.SessionId, created.FacilitatorKey, 1);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() =>
            H.Facilitator.PatchAnswerAsync(created.SessionId, created.FacilitatorKey, 1, answers[0], null, true));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.All((await H.SnapshotAsync(created)).Question(1)!.Answers, a => Assert.False(a.Hidden));
    }
}
