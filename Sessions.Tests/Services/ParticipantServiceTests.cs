using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Services;

public class ParticipantServiceTests : ServiceTestBase
{
    [Fact]
    public async Task Joined_participant_is_counted_and_can_answer()
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);

        var answerId = await H.Participants.SubmitAnswerAsync(created.JoinCode, 1, token, "  More trust  ", "req-1");

        var state = await H.PublicAsync(created);
        Assert.Equal(1, state.ParticipantCount);
        var answer = Assert.Single(state.Questions[0].Answers);
        Assert.Equal(answerId, answer.AnswerId);
        Assert.Equal("More trust", answer.Text);
    }

    [Fact]
    public async Task Join_with_an_empty_name_is_refused()
    {
        var created = await H.CreateAsync();

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Participants.JoinAsync(created.JoinCode, new JoinRequest("  ", null, false)));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Equal(0, (await H.PublicAsync(created)).ParticipantCount);
    }

    [Fact]
    public async Task Join_with_an_unknown_code_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Participants.JoinAsync("ZZZZZZ", new JoinRequest("Ann", null, false)));

        Assert.Equal(SessionError.NotFound, ex.Error);
    }

    [Fact]
    public async Task Same_client_request_id_gives_the_same_answer_and_one_row()
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);

        var first = await H.Participants.SubmitAnswerAsync(created.JoinCode, 1, token, "Once", "retry-me");
        var versionAfterFirst = (await H.SnapshotAsync(created)).Version;
        var second = await H.Participants.SubmitAnswerAsync(created.JoinCode, 1, token, "Once", "retry-me");

        Assert.Equal(first, second);
        var snapshot = await H.SnapshotAsync(created);
        Assert.Single(snapshot.Question(1)!.Answers);
        Assert.Equal(versionAfterFirst, snapshot.Version);
    }

    [Fact]
    public async Task Different_client_request_ids_give_separate_answers()
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);

        var first = await H.Participants.SubmitAnswerAsync(created.JoinCode, 1, token, "One", "a");
        var second = await H.Participants.SubmitAnswerAsync(created.JoinCode, 1, token, "Two", "b");

        Assert.NotEqual(first, second);
        Assert.Equal(2, (await H.SnapshotAsync(created)).Question(1)!.Answers.Count);
    }

    [Fact]
    public async Task Answer_without_a_token_is_unauthorized()
    {
        var created = await H.CreateAsync();

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Participants.SubmitAnswerAsync(created.JoinCode, 1, null, "x", null));

        Assert.Equal(SessionError.Unauthorized, ex.Error);
    }

    [Fact]
    public async Task Token_of_another_session_is_unauthorized()
    {
        var created = await H.CreateAsync();
        var other = await H.CreateAsync();
        var foreignToken = await H.JoinAsync(other);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Participants.SubmitAnswerAsync(created.JoinCode, 1, foreignToken, "x", null));

        Assert.Equal(SessionError.Unauthorized, ex.Error);
        Assert.Empty((await H.SnapshotAsync(created)).Question(1)!.Answers);
    }

    [Theory]
    [InlineData(Phase.Converge)]
    [InlineData(Phase.Vote)]
    [InlineData(Phase.Result)]
    public async Task Answer_is_refused_outside_collect_and_nothing_is_added(Phase phase)
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);
        await H.MoveToAsync(created, phase);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.AnswerAsync(created, token, "Too late"));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Empty((await H.SnapshotAsync(created)).Question(1)!.Answers);
    }

    [Fact]
    public async Task Answer_to_a_question_that_does_not_exist_is_not_found()
    {
        var created = await H.CreateAsync(questions: 2);
        var token = await H.JoinAsync(created);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.AnswerAsync(created, token, "x", question: 3));

        Assert.Equal(SessionError.NotFound, ex.Error);
    }

    [Fact]
    public async Task Over_long_answer_is_refused()
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.AnswerAsync(created, token, new string('x', 501)));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Empty((await H.SnapshotAsync(created)).Question(1)!.Answers);
    }

    [Fact]
    public async Task Participant_cannot_withdraw_someone_elses_answer()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created, "Ann");
        var bob = await H.JoinAsync(created, "Bob");
        var answer = await H.AnswerAsync(created, ann, "Mine");

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Participants.WithdrawAnswerAsync(created.JoinCode, 1, bob, answer));

        Assert.Equal(SessionError.Forbidden, ex.Error);
        Assert.Single((await H.SnapshotAsync(created)).Question(1)!.Answers);
    }

    [Fact]
    public async Task Participant_can_edit_and_withdraw_their_own_answer_in_collect()
    {
        var created = await H.CreateAsync();
        var ann = await H.JoinAsync(created);
        var answer = await H.AnswerAsync(created, ann, "Frist");

        await H.Participants.EditAnswerAsync(created.JoinCode, 1, ann, answer, "First");
        Assert.Equal("First", (await H.PublicAsync(created)).Questions[0].Answers.Single().Text);

        await H.Participants.WithdrawAnswerAsync(created.JoinCode, 1, ann, answer);
        Assert.Empty((await H.PublicAsync(created)).Questions[0].Answers);
    }

    [Fact]
    public async Task Ballot_in_vote_is_accepted_and_replaced_whole()
    {
        var (created, token, answers) = await VotingSessionAsync(answerCount: 3);

        await H.BallotAsync(created, token, 1, answers[0], answers[1]);
        Assert.Equal(2, (await H.StoredBallotAsync(created, token)).Count);

        var accepted = await H.BallotAsync(created, token, 1, answers[2]);

        var stored = await H.StoredBallotAsync(created, token);
        Assert.Equal(accepted, stored);
        var only = Assert.Single(stored);
        Assert.Equal(answers[2], only.Key);
        var dots = (await H.PublicAsync(created)).Questions[0].Answers.ToDictionary(a => a.AnswerId, a => a.Dots);
        Assert.Equal(0, dots[answers[0]]);
        Assert.Equal(0, dots[answers[1]]);
        Assert.Equal(1, dots[answers[2]]);
    }

    [Fact]
    public async Task Empty_ballot_takes_all_dots_back()
    {
        var (created, token, answers) = await VotingSessionAsync(answerCount: 2);
        await H.BallotAsync(created, token, 1, answers[0]);

        await H.Participants.PutBallotAsync(created.JoinCode, 1, token, new Dictionary<Guid, int>());

        Assert.Empty(await H.StoredBallotAsync(created, token));
    }

    [Fact]
    public async Task Same_ballot_again_changes_nothing()
    {
        var (created, token, answers) = await VotingSessionAsync(answerCount: 2);
        await H.BallotAsync(created, token, 1, answers[0]);
        var version = (await H.SnapshotAsync(created)).Version;

        await H.BallotAsync(created, token, 1, answers[0]);

        Assert.Equal(version, (await H.SnapshotAsync(created)).Version);
    }

    public static TheoryData<string> Refusals => ["over budget", "over cap", "hidden", "unknown", "negative"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_ballot_leaves_the_stored_ballot_unchanged(string refusal)
    {
        var (created, token, answers) = await VotingSessionAsync(answerCount: 4, dots: 3, maxPerAnswer: 1);
        await H.BallotAsync(created, token, 1, answers[0]);
        if (refusal == "hidden")
        {
            await H.Facilitator.PatchAnswerAsync(created.SessionId, created.FacilitatorKey, 1, answers[3], null, true);
        }
        var before = await H.SnapshotAsync(created);
        var ballot = refusal switch
        {
            "over budget" => answers.ToDictionary(a => a, _ => 1),
            "over cap" => new Dictionary<Guid, int> { [answers[1]] = 2 },
            "hidden" => new Dictionary<Guid, int> { [answers[3]] = 1 },
            "unknown" => new Dictionary<Guid, int> { [Guid.NewGuid()] = 1 },
            _ => new Dictionary<Guid, int> { [answers[1]] = 1, [answers[2]] = -1 },
        };

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.Participants.PutBallotAsync(created.JoinCode, 1, token, ballot));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        var stored = await H.StoredBallotAsync(created, token);
        var kept = Assert.Single(stored);
        Assert.Equal(answers[0], kept.Key);
        Assert.Equal(1, kept.Value);
        Assert.Equal(before.Version, (await H.SnapshotAsync(created)).Version);
    }

    [Theory]
    [InlineData(Phase.Converge)]
    [InlineData(Phase.Result)]
    public async Task Ballot_outside_vote_is_a_conflict_and_the_stored_ballot_stays(Phase phase)
    {
        var (created, token, answers) = await VotingSessionAsync(answerCount: 2);
        await H.BallotAsync(created, token, 1, answers[0]);
        await H.MoveToAsync(created, phase);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() => H.BallotAsync(created, token, 1, answers[1]));

        Assert.Equal(SessionError.Conflict, ex.Error);
        Assert.Equal(answers[0], Assert.Single(await H.StoredBallotAsync(created, token)).Key);
    }

    [Fact]
    public async Task Concurrent_ballots_from_one_participant_end_in_one_accepted_ballot_within_budget()
    {
        var (created, token, answers) = await VotingSessionAsync(answerCount: 4, dots: 3, maxPerAnswer: 1);
        var random = new Random(1234);
        var valid = Enumerable.Range(0, 50)
            .Select(_ => answers.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToDictionary(a => a, _ => 1))
            .ToList();
        var overBudget = Enumerable.Range(0, 50).Select(_ => answers.ToDictionary(a => a, _ => 1)).ToList();

        var validTasks = valid.Select(b => Task.Run(() => H.Participants.PutBallotAsync(created.JoinCode, 1, token, b))).ToList();
        var overTasks = overBudget.Select(b => Task.Run(async () =>
        {
            try
            {
                await H.Participants.PutBallotAsync(created.JoinCode, 1, token, b);
                return (SessionError?)null;
            }
            catch (SessionRuleException ex)
            {
                return ex.Error;
            }
        })).ToList();
        await Task.WhenAll(validTasks);
        var overResults = await Task.WhenAll(overTasks);

        Assert.All(overResults, e => Assert.Equal(SessionError.Invalid, e));
        var stored = await H.StoredBallotAsync(created, token);
        Assert.InRange(stored.Values.Sum(), 1, 3);
        Assert.Contains(valid, b => b.Count == stored.Count && b.All(kv => stored.TryGetValue(kv.Key, out var n) && n == kv.Value));
        var publicDots = (await H.PublicAsync(created)).Questions[0].Answers.Sum(a => a.Dots ?? 0);
        Assert.Equal(stored.Values.Sum(), publicDots);
    }

    private async Task<(CreatedSession Session, string Token, Guid[] Answers)> VotingSessionAsync(int answerCount, int dots = 3, int maxPerAnswer = 1)
    {
        var created = await H.CreateAsync(dots: dots, maxPerAnswer: maxPerAnswer);
        var token = await H.JoinAsync(created);
        var answers = new Guid[answerCount];
        for (var i = 0; i < answerCount; i++)
        {
            answers[i] = await H.AnswerAsync(created, token, $"Answer {i + 1}");
        }
        await H.MoveToAsync(created, Phase.Vote);
        return (created, token, answers);
    }
}
