using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Security;

public sealed class ThrottleTests
{
    private static Task<CoreHarness> StartAsync(int answerBurst, int ballotBurst) =>
        CoreHarness.StartAsync(services => services.Configure<RateLimitOptions>(o =>
        {
            o.AnswerBurst = answerBurst;
            o.AnswersPerMinute = 6;
            o.BallotBurst = ballotBurst;
            o.BallotsPerMinute = 6;
        }));

    [Fact]
    public async Task A_participant_flooding_answers_is_refused_with_a_clear_message_and_others_are_unaffected()
    {
        await using var core = await StartAsync(answerBurst: 3, ballotBurst: 100);
        var session = await core.CreateAsync();
        var flooder = await core.JoinAsync(session, "Flood");
        var other = await core.JoinAsync(session, "Calm");
        for (var i = 0; i < 3; i++)
        {
            await core.Participants.SubmitAnswerAsync(session.JoinCode, 1, flooder, $"Answer {i}", $"f{i}");
        }

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => core.Participants.SubmitAnswerAsync(session.JoinCode, 1, flooder, "One too many", "f3"));

        Assert.Equal(SessionError.TooManyRequests, refused.Error);
        Assert.Contains("wait", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await core.Reader.GetAsync(session.SessionId)).Questions[0].Answers.Count);
        await core.Participants.SubmitAnswerAsync(session.JoinCode, 1, other, "Mine", "o1");
        Assert.Equal(4, (await core.Reader.GetAsync(session.SessionId)).Questions[0].Answers.Count);
    }

    [Fact]
    public async Task A_resubmitted_answer_does_not_count_against_the_limit()
    {
        await using var core = await StartAsync(answerBurst: 1, ballotBurst: 100);
        var session = await core.CreateAsync();
        var ann = await core.JoinAsync(session);
        var first = await core.Participants.SubmitAnswerAsync(session.JoinCode, 1, ann, "Once", "same-id");

        var again = await core.Participants.SubmitAnswerAsync(session.JoinCode, 1, ann, "Once", "same-id");

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task A_participant_flooding_ballots_is_refused_and_their_last_accepted_ballot_stands()
    {
        await using var core = await StartAsync(answerBurst: 100, ballotBurst: 2);
        var session = await core.CreateAsync();
        var ann = await core.JoinAsync(session);
        var answers = await core.OpenVoteAsync(session, [ann], 3);
        await core.Participants.PutBallotAsync(session.JoinCode, 1, ann, new Dictionary<Guid, int> { [answers[0]] = 1 });
        await core.Participants.PutBallotAsync(session.JoinCode, 1, ann, new Dictionary<Guid, int> { [answers[1]] = 1 });

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() =>
            core.Participants.PutBallotAsync(session.JoinCode, 1, ann, new Dictionary<Guid, int> { [answers[2]] = 1 }));

        Assert.Equal(SessionError.TooManyRequests, refused.Error);
        var participantId = (await core.Participants.IdentifyAsync(session.JoinCode, ann))!.ParticipantId;
        Assert.Equal(new Dictionary<Guid, int> { [answers[1]] = 1 }, (await core.Reader.GetAsync(session.SessionId)).Questions[0].BallotOf(participantId));
    }
}
