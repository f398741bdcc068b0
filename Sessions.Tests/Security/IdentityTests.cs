using Sessions.Core.Domain;
using Sessions.Tests.Support;

namespace Sessions.Tests.Security;

public sealed class IdentityTests
{
    [Fact]
    public async Task A_locked_session_refuses_new_participants_and_keeps_those_already_in()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var ann = await core.JoinAsync(session, "Ann");

        await core.Facilitator.SetJoiningLockedAsync(session.SessionId, session.FacilitatorKey, locked: true);

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => core.JoinAsync(session, "Bob"));
        Assert.Equal(SessionError.Conflict, refused.Error);
        Assert.Single((await core.Reader.GetAsync(session.SessionId)).Participants);
        Assert.NotEqual(Guid.Empty, await core.Participants.SubmitAnswerAsync(session.JoinCode, 1, ann, "Still in", "a"));

        await core.Facilitator.SetJoiningLockedAsync(session.SessionId, session.FacilitatorKey, locked: false);
        await core.JoinAsync(session, "Bob");
        Assert.Equal(2, (await core.Reader.GetAsync(session.SessionId)).Participants.Count);
    }

    [Fact]
    public async Task A_removed_participant_loses_their_dots_and_their_token_but_their_answers_stay()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var ann = await core.JoinAsync(session, "Ann");
        var bob = await core.JoinAsync(session, "Bob");
        var answers = await core.OpenVoteAsync(session, [ann, bob], 2);
        await core.Participants.PutBallotAsync(session.JoinCode, 1, ann, new Dictionary<Guid, int> { [answers[0]] = 1, [answers[1]] = 1 });
        await core.Participants.PutBallotAsync(session.JoinCode, 1, bob, new Dictionary<Guid, int> { [answers[0]] = 1 });
        var annId = (await core.Participants.IdentifyAsync(session.JoinCode, ann))!.ParticipantId;

        await core.Facilitator.RemoveParticipantAsync(session.SessionId, session.FacilitatorKey, annId);

        var state = await core.Reader.GetAsync(session.SessionId);
        var question = state.Questions[0];
        Assert.Equal(["Bob"], state.Participants.Select(p => p.Name));
        Assert.Equal(1, question.Answer(answers[0])!.Dots);
        Assert.Equal(0, question.Answer(answers[1])!.Dots);
        Assert.Equal(2, question.Answers.Count);
        Assert.Null(question.Answer(answers[0])!.AuthorId);
        Assert.Null(await core.Participants.IdentifyAsync(session.JoinCode, ann));
        var refused = await Assert.ThrowsAsync<SessionRuleException>(() =>
            core.Participants.PutBallotAsync(session.JoinCode, 1, ann, new Dictionary<Guid, int> { [answers[0]] = 1 }));
        Assert.Equal(SessionError.Unauthorized, refused.Error);
    }

    [Fact]
    public async Task Only_the_facilitator_locks_joining_or_removes_a_participant()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var ann = await core.JoinAsync(session, "Ann");
        var annId = (await core.Participants.IdentifyAsync(session.JoinCode, ann))!.ParticipantId;
        var version = (await core.Reader.GetAsync(session.SessionId)).Version;

        await Assert.ThrowsAsync<SessionRuleException>(() => core.Facilitator.SetJoiningLockedAsync(session.SessionId, ann, true));
        await Assert.ThrowsAsync<SessionRuleException>(() => core.Facilitator.RemoveParticipantAsync(session.SessionId, ann, annId));
        await Assert.ThrowsAsync<SessionRuleException>(() => core.Facilitator.RemoveParticipantAsync(session.SessionId, null, annId));

        var state = await core.Reader.GetAsync(session.SessionId);
        Assert.Equal(version, state.Version);
        Assert.False(state.JoiningLocked);
        Assert.Single(state.Participants);
    }

    [Fact]
    public async Task A_participant_can_withdraw_and_give_consent_to_be_named_at_any_time()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var ann = await core.JoinAsync(session, "Ann", mayBeNamed: true);

        await core.Participants.SetConsentAsync(session.JoinCode, ann, mayBeNamed: false);
        Assert.False((await core.Reader.GetAsync(session.SessionId)).Participants[0].MayBeNamed);

        await core.Participants.SetConsentAsync(session.JoinCode, ann, mayBeNamed: true);
        Assert.True((await core.Reader.GetAsync(session.SessionId)).Participants[0].MayBeNamed);

        await Assert.ThrowsAsync<SessionRuleException>(() => core.Participants.SetConsentAsync(session.JoinCode, "forged-token", false));
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_hashes()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var token = await core.JoinAsync(session);
        var db = await ((Microsoft.EntityFrameworkCore.IDbContextFactory<Sessions.Core.Data.SessionsDbContext>)core.Services
            .GetService(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<Sessions.Core.Data.SessionsDbContext>))!).CreateDbContextAsync();
        await using var _ = db;
        var stored = db.Sessions.Single();
        var participant = db.Participants.Single();

        Assert.Equal(32, stored.FacilitatorKeyHash.Length);
        Assert.Equal(32, participant.TokenHash.Length);
        Assert.Equal(Sessions.Core.Security.Secrets.Hash(session.FacilitatorKey), stored.FacilitatorKeyHash);
        Assert.Equal(Sessions.Core.Security.Secrets.Hash(token), participant.TokenHash);
        // 128 bits of randomness, base64url without padding.
        Assert.Equal(22, session.FacilitatorKey.Length);
        Assert.Equal(22, token.Length);
    }
}
