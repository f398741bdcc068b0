using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Domain;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Facilitation;

public sealed class TimerTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_timer_counts_down_in_server_time_on_every_screen()
    {
        var clock = new ManualTime(s_start);
        await using var core = await CoreHarness.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var session = await core.CreateAsync();

        await core.Facilitator.StartTimerAsync(session.SessionId, session.FacilitatorKey, 1, minutes: 3, advanceAtZero: false);
        clock.Now = s_start.AddSeconds(70);

        var question = (await core.Reader.GetAsync(session.SessionId)).Questions[0];
        Assert.Equal(TimeSpan.FromSeconds(110), question.TimeLeft(clock.Now.UtcDateTime));
        var shown = PublicStateBuilder.Build(question, clock.Now.UtcDateTime).Timer!;
        Assert.Equal(110, shown.SecondsLeft);
        Assert.False(shown.Advances);
    }

    [Fact]
    public async Task An_advancing_timer_moves_the_question_on_at_zero_and_not_before()
    {
        var clock = new ManualTime(s_start);
        await using var core = await CoreHarness.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var session = await core.CreateAsync();
        await core.Facilitator.StartTimerAsync(session.SessionId, session.FacilitatorKey, 1, minutes: 2, advanceAtZero: true);

        clock.Now = s_start.AddSeconds(119);
        Assert.Equal(0, await core.Facilitator.AdvanceExpiredTimersAsync());
        Assert.Equal(Phase.Collect, (await core.Reader.GetAsync(session.SessionId)).Questions[0].Phase);

        clock.Now = s_start.AddSeconds(120);
        Assert.Equal(1, await core.Facilitator.AdvanceExpiredTimersAsync());
        var question = (await core.Reader.GetAsync(session.SessionId)).Questions[0];
        Assert.Equal(Phase.Converge, question.Phase);
        Assert.Null(question.TimerEndsAtUtc);

        clock.Now = s_start.AddSeconds(300);
        Assert.Equal(0, await core.Facilitator.AdvanceExpiredTimersAsync());
        Assert.Equal(Phase.Converge, (await core.Reader.GetAsync(session.SessionId)).Questions[0].Phase);
    }

    [Fact]
    public async Task Moving_the_phase_by_hand_or_stopping_ends_the_countdown()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        await core.Facilitator.StartTimerAsync(session.SessionId, session.FacilitatorKey, 1, 5, advanceAtZero: true);

        await core.Facilitator.SetPhaseAsync(session.SessionId, session.FacilitatorKey, 1, Phase.Converge);
        Assert.Null((await core.Reader.GetAsync(session.SessionId)).Questions[0].TimerEndsAtUtc);

        await core.Facilitator.StartTimerAsync(session.SessionId, session.FacilitatorKey, 1, 5, advanceAtZero: false);
        await core.Facilitator.StopTimerAsync(session.SessionId, session.FacilitatorKey, 1);
        Assert.Null((await core.Reader.GetAsync(session.SessionId)).Questions[0].TimerEndsAtUtc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(121)]
    [InlineData(double.NaN)]
    public async Task A_timer_outside_0_to_120_minutes_is_refused(double minutes)
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();

        var refused = await Assert.ThrowsAsync<SessionRuleException>(() => core.Facilitator.StartTimerAsync(session.SessionId, session.FacilitatorKey, 1, minutes, false));

        Assert.Equal(SessionError.Invalid, refused.Error);
        Assert.Null((await core.Reader.GetAsync(session.SessionId)).Questions[0].TimerEndsAtUtc);
    }

    [Fact]
    public async Task Only_the_facilitator_starts_a_timer()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var token = await core.JoinAsync(session);

        await Assert.ThrowsAsync<SessionRuleException>(() => core.Facilitator.StartTimerAsync(session.SessionId, token, 1, 1, false));
        await Assert.ThrowsAsync<SessionRuleException>(() => core.Facilitator.StartTimerAsync(session.SessionId, null, 1, 1, false));

        Assert.Null((await core.Reader.GetAsync(session.SessionId)).Questions[0].TimerEndsAtUtc);
    }
}
