using Sessions.Core.Domain;
using Sessions.Core.Services;

namespace Sessions.Tests.Services;

/// <summary>Commands that queue up for one session are committed in one transaction, each still checked on its own.</summary>
public class GroupCommitTests : ServiceTestBase
{
    [Fact]
    public async Task Ballots_that_queue_up_are_committed_together_announced_once_and_a_refused_one_takes_nothing_with_it()
    {
        var created = await H.CreateAsync(dots: 2, maxPerAnswer: 1);
        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await H.JoinAsync(created, $"P{i}"));
        }
        var a = await H.AnswerAsync(created, tokens[0], "Answer A");
        var b = await H.AnswerAsync(created, tokens[1], "Answer B");
        await H.MoveToAsync(created, Phase.Vote);
        var before = (await H.PublicAsync(created)).Version;
        var announced = new List<long>();
        using var subscription = H.Events.Subscribe(created.SessionId, change =>
        {
            lock (announced)
            {
                announced.Add(change.Version);
            }
        });

        Task<IReadOnlyDictionary<Guid, int>>[] valid;
        Task<IReadOnlyDictionary<Guid, int>> overCap;
        // Hold the session while five ballots arrive, as a commit in progress would: they queue up.
        using (await H.Locks.EnterAsync(created.SessionId, CancellationToken.None))
        {
            valid =
            [
                H.Participants.PutBallotAsync(created.JoinCode, 1, tokens[0], new Dictionary<Guid, int> { [a] = 1, [b] = 1 }),
                H.Participants.PutBallotAsync(created.JoinCode, 1, tokens[1], new Dictionary<Guid, int> { [a] = 1, [b] = 1 }),
                H.Participants.PutBallotAsync(created.JoinCode, 1, tokens[2], new Dictionary<Guid, int> { [a] = 1 }),
                H.Participants.PutBallotAsync(created.JoinCode, 1, tokens[3], new Dictionary<Guid, int> { [a] = 1 }),
            ];
            overCap = H.Participants.PutBallotAsync(created.JoinCode, 1, tokens[4], new Dictionary<Guid, int> { [a] = 2 });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (H.Writer.Queued(created.SessionId) < 5)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        await Task.WhenAll(valid);
        var refusal = await Assert.ThrowsAsync<SessionRuleException>(() => overCap);
        Assert.Equal(SessionError.Invalid, refusal.Error);
        var state = await H.PublicAsync(created);
        Assert.Equal(before + 4, state.Version);
        var dots = state.Questions[0].Answers.ToDictionary(x => x.AnswerId, x => x.Dots);
        Assert.Equal(4, dots[a]);
        Assert.Equal(2, dots[b]);
        Assert.Empty(await H.StoredBallotAsync(created, tokens[4]));
        lock (announced)
        {
            Assert.Equal([before + 4], announced);
        }
    }

    [Fact]
    public async Task A_command_alone_is_committed_and_announced_as_before()
    {
        var created = await H.CreateAsync();
        var token = await H.JoinAsync(created);
        var before = (await H.PublicAsync(created)).Version;
        var announced = new List<long>();
        using var subscription = H.Events.Subscribe(created.SessionId, change =>
        {
            lock (announced)
            {
                announced.Add(change.Version);
            }
        });

        await H.AnswerAsync(created, token, "One answer");

        Assert.Equal(before + 1, (await H.PublicAsync(created)).Version);
        lock (announced)
        {
            Assert.Equal([before + 1], announced);
        }
    }
}
