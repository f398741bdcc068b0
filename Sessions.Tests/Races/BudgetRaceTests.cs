using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;
using Xunit.Abstractions;

namespace Sessions.Tests.Races;

/// <summary>
/// Many clients at once, on the real services and a real database, checked against the rules after
/// every round: no budget or cap ever exceeded, no dot on a hidden or merged answer, every stored
/// ballot one that was accepted, no dot lost or doubled by a merge. SESSIONS_RACE_ROUNDS sets the rounds
/// (the suite runs a few; docs/security.md has the figures of a 1,000-round run).
/// </summary>
[Trait("Category", "Race")]
public class BudgetRaceTests(ITestOutputHelper output)
{
    /// <summary>The PostgreSQL variant (OnPostgres.cs) overrides this.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("SESSIONS_RACE_ROUNDS"), out var n) ? n : 3;

    private Task<CoreHarness> StartAsync() => CoreHarness.StartAsync(folder: TestDatabase.FastFolder, provider: Provider);

    [Fact]
    public async Task A_hundred_concurrent_ballots_from_one_participant_never_exceed_the_budget()
    {
        await using var core = await StartAsync();
        var refusedTotal = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var session = await core.CreateAsync();
            var token = await core.JoinAsync(session);
            var answers = await core.OpenVoteAsync(session, [token], 6);
            var random = new Random(round);
            var ballots = Enumerable.Range(0, 100).Select(i =>
                answers.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToDictionary(a => a, _ => 1)).ToList();
            var accepted = new System.Collections.Concurrent.ConcurrentBag<Dictionary<Guid, int>>();

            var results = await Task.WhenAll(ballots.Select(b => Task.Run(async () =>
            {
                try
                {
                    await core.Participants.PutBallotAsync(session.JoinCode, 1, token, b);
                    accepted.Add(b);
                    return true;
                }
                catch (SessionRuleException)
                {
                    return false;
                }
            })));

            var state = await core.Reader.GetAsync(session.SessionId);
            var participant = state.Participants.Single().Id;
            var stored = state.Questions[0].BallotOf(participant);
            Assert.True(stored.Values.Sum() <= 3);
            Assert.All(stored.Values, n => Assert.Equal(1, n));
            Assert.Contains(accepted, a => a.Count == stored.Count && a.All(d => stored.TryGetValue(d.Key, out var n) && n == d.Value));
            Assert.Equal(ballots.Count(b => b.Count <= 3), results.Count(r => r));
            refusedTotal += results.Count(r => !r);
        }
        output.WriteLine($"{Rounds} rounds of 100 racing ballots from one participant; {refusedTotal} over-budget ballots refused.");
    }

    [Fact]
    public async Task Two_hundred_participants_voting_at_once_are_all_counted_exactly()
    {
        await using var core = await StartAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var session = await core.CreateAsync();
            var tokens = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => core.JoinAsync(session, $"P{i}")));
            var answers = await core.OpenVoteAsync(session, tokens, 8);
            var random = new Random(round);
            var ballots = tokens.Select(_ => answers.OrderBy(_ => random.Next()).Take(3).ToDictionary(a => a, _ => 1)).ToList();

            await Task.WhenAll(tokens.Select((token, i) => Task.Run(() => core.Participants.PutBallotAsync(session.JoinCode, 1, token, ballots[i]))));

            var question = (await core.Reader.GetAsync(session.SessionId)).Questions[0];
            foreach (var answer in answers)
            {
                Assert.Equal(ballots.Count(b => b.ContainsKey(answer)), question.Answer(answer)!.Dots);
            }
            Assert.Equal(600, question.Answers.Sum(a => a.Dots));
            Assert.Equal(200, question.VotersDone);
        }
    }

    [Fact]
    public async Task Merges_while_votes_come_in_never_break_a_rule_and_never_lose_or_double_a_dot()
    {
        await using var core = await StartAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var session = await core.CreateAsync();
            var tokens = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => core.JoinAsync(session, $"P{i}")));
            var answers = await core.OpenVoteAsync(session, tokens, 12);
            var random = new Random(round);

            // Before the race: what every participant holds, so the first merge's carry-over can be checked exactly.
            foreach (var token in tokens)
            {
                await core.Participants.PutBallotAsync(session.JoinCode, 1, token, answers.OrderBy(_ => random.Next()).Take(3).ToDictionary(a => a, _ => 1));
            }
            var before = (await core.Reader.GetAsync(session.SessionId)).Questions[0];
            await core.Facilitator.MergeAsync(session.SessionId, session.FacilitatorKey, 1, answers[0], answers[1]);
            var after = (await core.Reader.GetAsync(session.SessionId)).Questions[0];
            var holders = before.Ballots.Where(b => b.Value.ContainsKey(answers[0]) || b.Value.ContainsKey(answers[1])).ToList();
            var doubled = holders.Count(b => b.Value.ContainsKey(answers[0]) && b.Value.ContainsKey(answers[1]));
            Assert.Equal(holders.Count, after.Answer(answers[1])!.Dots);
            Assert.Equal(before.Answers.Sum(a => a.Dots) - doubled, after.Answers.Sum(a => a.Dots));

            // The race: every participant changes their ballot three times while the facilitator merges and hides.
            var voting = tokens.Select((token, i) => Task.Run(async () =>
            {
                var mine = new Random(round * 1000 + i);
                for (var n = 0; n < 3; n++)
                {
                    var ballot = answers.Skip(1).OrderBy(_ => mine.Next()).Take(3).ToDictionary(a => a, _ => 1);
                    try
                    {
                        await core.Participants.PutBallotAsync(session.JoinCode, 1, token, ballot);
                    }
                    catch (SessionRuleException ex) when (ex.Error == SessionError.Invalid)
                    {
                        // The ballot named an answer merged or hidden meanwhile: refused whole, as it should be.
                    }
                }
            }));
            var facilitating = Task.Run(async () =>
            {
                for (var m = 2; m + 1 < answers.Count - 2; m += 2)
                {
                    await core.Facilitator.MergeAsync(session.SessionId, session.FacilitatorKey, 1, answers[m], answers[m + 1]);
                }
                await core.Facilitator.PatchAnswerAsync(session.SessionId, session.FacilitatorKey, 1, answers[^1], null, hidden: true);
            });
            await Task.WhenAll(voting.Append(facilitating));

            await AssertRulesHoldAsync(core, session);
        }
    }

    [Fact]
    public async Task Two_app_servers_racing_ballots_of_one_session_keep_every_rule_without_retrying()
    {
        var retries = new WriterRetries();
        await using var first = await CoreHarness.StartAsync(s => s.AddSingleton<ILoggerProvider>(retries), TestDatabase.FastFolder, Provider);
        await using var second = await first.StartAnotherServerAsync(s => s.AddSingleton<ILoggerProvider>(retries));
        CoreHarness[] servers = [first, second];
        var sent = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var session = await first.CreateAsync();
            var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => servers[i % 2].JoinAsync(session, $"P{i}")));
            var answers = await first.OpenVoteAsync(session, tokens, 6);
            var random = new Random(round);
            // Every participant sends ten ballots at once, alternately through each server; some are over budget.
            var sends = tokens.SelectMany((token, p) => Enumerable.Range(0, 10).Select(n => (
                Token: token,
                Server: servers[(p + n) % 2],
                Ballot: answers.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToDictionary(a => a, _ => 1)))).ToList();
            var accepted = new System.Collections.Concurrent.ConcurrentBag<(string Token, Dictionary<Guid, int> Ballot)>();

            var results = await Task.WhenAll(sends.Select(send => Task.Run(async () =>
            {
                try
                {
                    await send.Server.Participants.PutBallotAsync(session.JoinCode, 1, send.Token, send.Ballot);
                    accepted.Add((send.Token, send.Ballot));
                    return true;
                }
                catch (SessionRuleException)
                {
                    return false;
                }
            })));

            Assert.Equal(sends.Count(s => s.Ballot.Count <= 3), results.Count(r => r));
            await AssertRulesHoldAsync(first, session);
            var question = (await second.Reader.GetAsync(session.SessionId)).Questions[0];
            foreach (var token in tokens)
            {
                var participant = (await second.Participants.IdentifyAsync(session.JoinCode, token))!.ParticipantId;
                var stored = question.BallotOf(participant);
                Assert.Contains(accepted, a => a.Token == token && a.Ballot.Count == stored.Count && a.Ballot.All(d => stored.TryGetValue(d.Key, out var n) && n == d.Value));
            }
            sent += sends.Count;
        }
        // The writers of one session queued in the database instead of colliding on the concurrency token.
        Assert.Equal(0, retries.Count);
        output.WriteLine($"{Rounds} rounds of {sent / Rounds} ballots through two servers; no command retried.");
    }

    private static async Task AssertRulesHoldAsync(CoreHarness core, CreatedSession session)
    {
        var factory = core.Services.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var sessionRow = await db.Sessions.SingleAsync(s => s.Id == session.SessionId);
        var question = await db.Questions.SingleAsync(q => q.SessionId == session.SessionId);
        var answers = await db.Answers.Where(a => a.QuestionId == question.Id).ToDictionaryAsync(a => a.Id);
        var votes = await db.Votes.Where(v => v.QuestionId == question.Id && v.Round == Vote.MainRound).ToListAsync();

        Assert.All(votes, v => Assert.InRange(v.Dots, 1, sessionRow.Settings.MaxDotsPerAnswer));
        Assert.All(votes, v => Assert.False(answers[v.AnswerId].Hidden || answers[v.AnswerId].MergedIntoId is not null, "a dot sits on a hidden or merged answer"));
        Assert.All(votes.GroupBy(v => v.ParticipantId), g => Assert.True(g.Sum(v => v.Dots) <= sessionRow.Settings.DotsPerParticipant, "a budget was exceeded"));
        // What the screens show is what the table holds.
        var snapshot = (await core.Reader.GetAsync(session.SessionId)).Questions[0];
        Assert.Equal(votes.Sum(v => v.Dots), snapshot.Answers.Sum(a => a.Dots));
    }
}
