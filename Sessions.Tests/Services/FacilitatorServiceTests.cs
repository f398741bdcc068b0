using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Services;

public class FacilitatorServiceTests : ServiceTestBase
{
    [Fact]
    public async Task Merge_carries_dots_over_with_the_cap_and_refunds_the_excess()
    {
        var created = await H.CreateAsync(dots: 3, maxPerAnswer: 1);
        var ann = await H.JoinAsync(created, "Ann");
        var bob = await H.JoinAsync(created, "Bob");
        var target = await H.AnswerAsync(created, ann, "Work together");
        var source = await H.AnswerAsync(created, bob, "Collaborate");
        var other = await H.AnswerAsync(created, bob, "Something else");
        await H.MoveToAsync(created, Phase.Vote);
        await H.BallotAsync(created, ann, 1, target, source);
        await H.BallotAsync(created, bob, 1, source);

        await H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 1, source, target);

        var snapshot = await H.SnapshotAsync(created);
        var question = snapshot.Question(1)!;
        var annId = await H.ParticipantIdAsync(created, ann);
        var bobId = await H.ParticipantIdAsync(created, bob);
        Assert.Equal(new Dictionary<Guid, int> { [target] = 1 }, question.BallotOf(annId));
        Assert.Equal(new Dictionary<Guid, int> { [target] = 1 }, question.BallotOf(bobId));
        var annView = ParticipantView.For(snapshot, question, annId);
        Assert.Equal(1, annView.Placed);
        Assert.Equal(2, annView.Remaining);
        var publicAnswers = PublicStateBuilder.Build(question).Answers.ToDictionary(a => a.AnswerId);
        Assert.Equal(2, publicAnswers[target].Dots);
        Assert.Equal(target, publicAnswers[source].MergedInto);
        Assert.Null(publicAnswers[source].Dots);

        // The refunded dot can be placed again.
        await H.BallotAsync(created, ann, 1, target, other);
        Assert.Equal(2, (await H.StoredBallotAsync(created, ann)).Values.Sum());
    }

    [Fact]
    public async Task Merged_answer_keeps_its_original_words_and_the_target_can_be_reworded()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var target = await H.AnswerAsync(created, ann, "Trust");
        var source = await H.AnswerAsync(created, ann, "More trust");
        await H.MoveToAsync(created, Phase.Converge);

        await H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 1, source, target, "More mutual trust");

        var question = (await H.SnapshotAsync(created)).Question(1)!;
        Assert.Equal("More mutual trust", question.Answer(target)!.Text);
        Assert.Equal("More trust", question.Answer(source)!.Text);
        Assert.Equal(target, question.Answer(source)!.MergedInto);
        Assert.Equal(1, PublicStateBuilder.Build(question).AnswerCount);
    }

    [Fact]
    public async Task Merge_during_collect_is_a_conflict()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");
        var b = await H.AnswerAsync(created, ann, "B");

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.MergeAsync(created.SessionId, created.FacilitatorKey, 1, b, a));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Null((await H.SnapshotAsync(created)).Question(1)!.Answer(b)!.MergedInto);
    }

    [Fact]
    public async Task Hiding_an_answer_gives_its_dots_back()
    {
        var created = await H.CreateAsync(dots: 3, maxPerAnswer: 1);
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "Keep");
        var b = await H.AnswerAsync(created, ann, "Off topic");
        await H.MoveToAsync(created, Phase.Vote);
        await H.BallotAsync(created, ann, 1, a, b);

        await H.Facilitator.PatchAnswerAsync(created.SessionId, created.FacilitatorKey, 1, b, null, true);

        var snapshot = await H.SnapshotAsync(created);
        var annId = await H.ParticipantIdAsync(created, ann);
        var view = ParticipantView.For(snapshot, snapshot.Question(1)!, annId);
        Assert.Equal(new Dictionary<Guid, int> { [a] = 1 }, view.Ballot);
        Assert.Equal(2, view.Remaining);
        Assert.DoesNotContain(view.Answers, x => x.Id == b);
        Assert.DoesNotContain((await H.PublicAsync(created)).Questions[0].Answers, x => x.AnswerId == b);
    }

    [Fact]
    public async Task Patch_without_anything_to_change_is_refused()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.PatchAnswerAsync(created.SessionId, created.FacilitatorKey, 1, a, null, null));

        Assert.Equal(SessionError.Invalid, ex.Error);
    }

    [Fact]
    public async Task Skipping_a_phase_is_a_conflict_and_the_phase_stays()
    {
        var created = await H.CreateAsync();

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Vote));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Equal("collect", (await H.PublicAsync(created)).Questions[0].Phase);
    }

    [Fact]
    public async Task Tie_at_third_place_is_settled_by_a_runoff()
    {
        var (created, tokens, answers) = await TieAtThirdPlaceAsync();
        var before = (await H.PublicAsync(created)).Questions[0];
        Assert.Equal(2, before.Top3.Count);
        Assert.NotNull(before.Tie);
        Assert.Equal(1, before.Tie.Places);
        Assert.Equal("none", before.Tie.Runoff);
        Assert.Equal([answers[2], answers[3]], before.Tie.Answers.Select(t => t.AnswerId));

        await H.Facilitator.StartRunoffAsync(created.SessionId, created.FacilitatorKey, 1);
        Assert.Equal("open", (await H.PublicAsync(created)).Questions[0].Tie!.Runoff);
        await H.BallotAsync(created, tokens[0], 1, answers[3]);
        await H.BallotAsync(created, tokens[1], 1, answers[3]);
        await H.BallotAsync(created, tokens[2], 1, answers[2]);
        var settled = await H.Facilitator.CloseRunoffAsync(created.SessionId, created.FacilitatorKey, 1);

        Assert.True(settled);
        var after = (await H.PublicAsync(created)).Questions[0];
        Assert.Equal([answers[0], answers[1], answers[3]], after.Top3.Select(t => t.AnswerId));
        Assert.Equal([1, 2, 3], after.Top3.Select(t => t.Rank));
        Assert.Null(after.Tie);
        Assert.Equal("runoff", after.TieSettledBy);
    }

    [Fact]
    public async Task Runoff_ballot_may_name_only_tied_answers_and_holds_one_dot()
    {
        var (created, tokens, answers) = await TieAtThirdPlaceAsync();
        await H.Facilitator.StartRunoffAsync(created.SessionId, created.FacilitatorKey, 1);

        var notTied = await Assert.ThrowsAsync<SessionRuleException>(() => H.BallotAsync(created, tokens[0], 1, answers[0]));
        var twoDots = await Assert.ThrowsAsync<SessionRuleException>(() => H.BallotAsync(created, tokens[0], 1, answers[2], answers[3]));

        Assert.Equal(SessionError.Invalid, notTied.Error);
        Assert.Equal(SessionError.Invalid, twoDots.Error);
        var ann = await H.ParticipantIdAsync(created, tokens[0]);
        Assert.Empty((await H.SnapshotAsync(created)).Question(1)!.RunoffBallotOf(ann));
    }

    [Fact]
    public async Task Runoff_that_ties_again_leaves_the_tie_for_a_choice()
    {
        var (created, tokens, answers) = await TieAtThirdPlaceAsync();
        await H.Facilitator.StartRunoffAsync(created.SessionId, created.FacilitatorKey, 1);
        await H.BallotAsync(created, tokens[0], 1, answers[2]);
        await H.BallotAsync(created, tokens[1], 1, answers[3]);

        var settled = await H.Facilitator.CloseRunoffAsync(created.SessionId, created.FacilitatorKey, 1);

        Assert.False(settled);
        var question = (await H.PublicAsync(created)).Questions[0];
        Assert.Equal(2, question.Top3.Count);
        Assert.Equal("closed", question.Tie!.Runoff);
        Assert.Null(question.TieSettledBy);
    }

    [Fact]
    public async Task Tie_at_third_place_is_settled_by_the_facilitators_choice()
    {
        var (created, _, answers) = await TieAtThirdPlaceAsync();

        await H.Facilitator.ChooseTieWinnersAsync(created.SessionId, created.FacilitatorKey, 1, [answers[2]]);

        var question = (await H.PublicAsync(created)).Questions[0];
        Assert.Equal([answers[0], answers[1], answers[2]], question.Top3.Select(t => t.AnswerId));
        Assert.Null(question.Tie);
        Assert.Equal("choice", question.TieSettledBy);
    }

    [Fact]
    public async Task Choosing_an_answer_that_is_not_tied_is_refused()
    {
        var (created, _, answers) = await TieAtThirdPlaceAsync();

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() =>
            H.Facilitator.ChooseTieWinnersAsync(created.SessionId, created.FacilitatorKey, 1, [answers[0]]));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.NotNull((await H.PublicAsync(created)).Questions[0].Tie);
    }

    [Fact]
    public async Task Settling_when_there_is_no_tie_is_a_conflict()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var a = await H.AnswerAsync(created, ann, "A");
        await H.MoveToAsync(created, Phase.Vote);
        await H.BallotAsync(created, ann, 1, a);
        await H.MoveToAsync(created, Phase.Result);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Facilitator.StartRunoffAsync(created.SessionId, created.FacilitatorKey, 1));

        Assert.Equal(SessionError.Conflict, ex.Error);
    }

    [Fact]
    public async Task Moving_back_from_result_to_vote_clears_the_settlement()
    {
        var (created, _, answers) = await TieAtThirdPlaceAsync();
        await H.Facilitator.ChooseTieWinnersAsync(created.SessionId, created.FacilitatorKey, 1, [answers[3]]);

        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Vote);

        var inVote = (await H.PublicAsync(created)).Questions[0];
        Assert.Empty(inVote.Top3);
        Assert.Null(inVote.TieSettledBy);
        Assert.Equal(TieSettlement.None, (await H.SnapshotAsync(created)).Question(1)!.TieSettledBy);

        await H.Facilitator.SetPhaseAsync(created.SessionId, created.FacilitatorKey, 1, Phase.Result);
        var again = (await H.PublicAsync(created)).Questions[0];
        Assert.Equal(2, again.Top3.Count);
        Assert.NotNull(again.Tie);
        Assert.Null(again.TieSettledBy);
    }

    /// <summary>
    /// Three participants, budget 3, one dot per answer: A gets 3, B 2, C and D 1 each, so C and D tie
    /// for the third place. The question is left in Result.
    /// </summary>
    private async Task<(CreatedSession Session, string[] Tokens, Guid[] Answers)> TieAtThirdPlaceAsync()
    {
        var created = await H.CreateAsync(dots: 3, maxPerAnswer: 1);
        var tokens = new[] { await H.JoinAsync(created, "Ann"), await H.JoinAsync(created, "Bob"), await H.JoinAsync(created, "Cas") };
        var answers = new[]
        {
            await H.AnswerAsync(created, tokens[0], "A"),
            await H.AnswerAsync(created, tokens[1], "B"),
            await H.AnswerAsync(created, tokens[2], "C"),
            await H.AnswerAsync(created, tokens[0], "D"),
        };
        await H.MoveToAsync(created, Phase.Vote);
        await H.BallotAsync(created, tokens[0], 1, answers[0], answers[1], answers[2]);
        await H.BallotAsync(created, tokens[1], 1, answers[0], answers[1], answers[3]);
        await H.BallotAsync(created, tokens[2], 1, answers[0]);
        await H.MoveToAsync(created, Phase.Result);
        return (created, tokens, answers);
    }
}
