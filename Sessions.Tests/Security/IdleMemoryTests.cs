using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Events;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Security;

/// <summary>
/// Memory that never came back: each session's last snapshot stayed in SessionReader until the session was
/// deleted, and the keys of the writer's queues, SessionLocks and PresenceTracker were never removed.
/// The heap figure for 5,000 sessions is in docs/benchmarks.md (Sessions.Bench security).
/// </summary>
public sealed class IdleMemoryTests
{
    [Fact]
    public async Task Sessions_nobody_watches_or_writes_leave_nothing_behind_after_the_idle_time()
    {
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await using var core = await CoreHarness.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.Configure<MemoryOptions>(o => o.IdleMinutes = 10);
        });
        var writer = core.Services.GetRequiredService<SessionWriter>();
        var locks = core.Services.GetRequiredService<SessionLocks>();
        var presence = core.Services.GetRequiredService<PresenceTracker>();
        var events = core.Services.GetRequiredService<ISessionEvents>();
        var idle = core.Services.GetRequiredService<IdleSessions>();
        var sessions = new List<CreatedSession>();
        for (var i = 0; i < 200; i++)
        {
            var session = await core.CreateAsync();
            await core.JoinAsync(session, $"P{i}");
            var snapshot = await core.Reader.GetAsync(session.SessionId);
            using (presence.Connect(session.SessionId, snapshot.Participants[0].Id))
            using (presence.Subscribe(session.SessionId, () => { }))
            using (events.Subscribe(session.SessionId, _ => { }))
            {
            }
            sessions.Add(session);
        }
        // One session still has a screen on it.
        using var board = events.Subscribe(sessions[0].SessionId, _ => { });

        Assert.Equal(0, writer.QueueCount);
        Assert.Equal(0, locks.Count);
        Assert.Equal(0, presence.SessionCount);
        Assert.Equal(200, core.Reader.CachedCount);
        clock.Now = clock.Now.AddMinutes(9);
        Assert.Equal(0, idle.Release());

        clock.Now = clock.Now.AddMinutes(2);
        Assert.Equal(199, idle.Release());

        Assert.Equal(1, core.Reader.CachedCount);
        // Released is only forgotten: the next read loads the session again, as it was.
        var again = await core.Reader.GetByJoinCodeAsync(sessions[^1].JoinCode);
        Assert.Equal("P199", again.Participants[0].Name);
    }

    [Fact]
    public async Task A_burst_of_writes_to_one_session_still_commits_every_command_while_queues_come_and_go()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();

        var joins = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => core.JoinAsync(session, $"P{i}")));

        Assert.Equal(60, joins.Distinct().Count());
        Assert.Equal(60, (await core.Reader.GetAsync(session.SessionId)).Participants.Count);
        Assert.Equal(0, core.Services.GetRequiredService<SessionWriter>().QueueCount);
        Assert.Equal(0, core.Services.GetRequiredService<SessionLocks>().Count);
    }
}
