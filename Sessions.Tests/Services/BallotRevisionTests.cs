using Sessions.Core.Domain;

namespace Sessions.Tests.Services;

/// <summary>A phone numbers its ballots; one overtaken on a bad network never overwrites a newer one.</summary>
public class BallotRevisionTests : ServiceTestBase
{
    [Fact]
    public async Task An_older_ballot_arriving_after_a_newer_one_changes_nothing()
    {
        var created = await H.CreateAsync(dots: 3, maxPerAnswer: 3);
        var token = await H.JoinAsync(created);
        var first = await H.AnswerAsync(created, token, "First");
        var second = await H.AnswerAsync(created, token, "Second");
        await H.MoveToAsync(created, Phase.Vote);

        await H.Participants.PutBallotAsync(created.JoinCode, 1, token, new Dictionary<Guid, int> { [second] = 2 }, revision: 7);
        var answer = await H.Participants.PutBallotAsync(created.JoinCode, 1, token, new Dictionary<Guid, int> { [first] = 3 }, revision: 6);

        Assert.Equal(2, Assert.Single(answer).Value);
        var stored = await H.StoredBallotAsync(created, token);
        Assert.Equal(new Dictionary<Guid, int> { [second] = 2 }, stored);
    }

    [Fact]
    public async Task The_same_revision_again_is_taken_and_a_higher_one_replaces_it()
    {
        var created = await H.CreateAsync(dots: 3, maxPerAnswer: 3);
        var token = await H.JoinAsync(created);
        var first = await H.AnswerAsync(created, token, "First");
        await H.MoveToAsync(created, Phase.Vote);

        await H.Participants.PutBallotAsync(created.JoinCode, 1, token, new Dictionary<Guid, int> { [first] = 1 }, revision: 3);
        await H.Participants.PutBallotAsync(created.JoinCode, 1, token, new Dictionary<Guid, int> { [first] = 1 }, revision: 3);
        await H.Participants.PutBallotAsync(created.JoinCode, 1, token, new Dictionary<Guid, int> { [first] = 3 }, revision: 4);

        Assert.Equal(3, (await H.StoredBallotAsync(created, token))[first]);
    }

    [Fact]
    public async Task A_negative_revision_is_refused_and_changes_nothing()
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);
        var first = await H.AnswerAsync(created, token, "First");
        await H.MoveToAsync(created, Phase.Vote);

        var ex = await Assert.ThrowsAsync<SessionRuleException>(() =>
            H.Participants.PutBallotAsync(created.JoinCode, 1, token, new Dictionary<Guid, int> { [first] = 1 }, revision: -1));

        Assert.Equal(SessionError.Invalid, ex.Error);
        Assert.Empty(await H.StoredBallotAsync(created, token));
    }
}
