using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Services;
using Sessions.Core.Templates;
using Sessions.Tests.Support;

namespace Sessions.Tests.Security;

/// <summary>
/// The workshop that was deleted within the hour: retention counted 90 days from the session's date, so a
/// session from the built-in template (dated 25 November 2022) or with its real past date went at the
/// next hourly purge. Retention now counts from the last activity: a write, or a screen watching it.
/// </summary>
public sealed class RetentionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(CoreHarness Core, ManualTime Clock, SessionRetention Retention)> StartAsync(string? folder = null)
    {
        var clock = new ManualTime(Start);
        var core = await CoreHarness.StartAsync(s => s.AddSingleton<TimeProvider>(clock), folder);
        return (core, clock, core.Services.GetRequiredService<SessionRetention>());
    }

    [Fact]
    public async Task A_session_with_a_past_date_survives_the_hourly_purge_and_a_restart()
    {
        var (core, clock, retention) = await StartAsync();
        await using var _ = core;
        var dated = await core.Catalog.CreateAsync(new CreateSessionRequest("Vernieuwen", new DateOnly(2022, 11, 25), Questions: ["Q?"]));
        var token = await core.JoinAsync(dated);

        for (var hour = 0; hour < 3; hour++)
        {
            Assert.Equal(0, await retention.PurgeExpiredAsync());
            clock.Now = clock.Now.AddHours(1);
        }
        // A restart: another app on the same database runs its purge at start-up.
        var restarted = await core.StartAnotherServerAsync(s => s.AddSingleton<TimeProvider>(clock));
        await using (restarted)
        {
            Assert.Equal(0, await restarted.Services.GetRequiredService<SessionRetention>().PurgeExpiredAsync());
        }

        var state = await core.Reader.GetAsync(dated.SessionId);
        Assert.Equal(new DateOnly(2022, 11, 25), state.Date);
        Assert.Single(state.Participants);
        Assert.NotNull(await core.Participants.IdentifyAsync(dated.JoinCode, token));
    }

    [Fact]
    public async Task A_session_from_the_built_in_template_is_dated_today_and_kept()
    {
        var (core, _, retention) = await StartAsync();
        await using var __ = core;

        var created = await core.Catalog.CreateAsync(new CreateSessionRequest(null, Template: SessionTemplates.Vernieuwen2022Key));

        Assert.Equal(0, await retention.PurgeExpiredAsync());
        var state = await core.Reader.GetAsync(created.SessionId);
        Assert.Equal(DateOnly.FromDateTime(Start.LocalDateTime), state.Date);
    }

    [Fact]
    public async Task Retention_counts_from_the_last_write_not_from_creation_or_date()
    {
        var (core, clock, retention) = await StartAsync();
        await using var _ = core;
        var session = await core.Catalog.CreateAsync(new CreateSessionRequest("Long running", new DateOnly(2021, 1, 1), Questions: ["Q?"]));

        clock.Now = Start.AddDays(80);
        var token = await core.JoinAsync(session);
        clock.Now = Start.AddDays(165);
        Assert.Equal(0, await retention.PurgeExpiredAsync());
        var kept = await core.Reader.GetAsync(session.SessionId);
        Assert.Equal(Start.AddDays(80).UtcDateTime, kept.LastActivityUtc);
        Assert.Equal(Start.AddDays(170).UtcDateTime, core.Services.GetRequiredService<SessionRetention>().DeletionDue(kept.LastActivityUtc));

        clock.Now = Start.AddDays(171);
        Assert.Equal(1, await retention.PurgeExpiredAsync());
        await Assert.ThrowsAsync<SessionRuleException>(() => core.Reader.GetAsync(session.SessionId));
        Assert.Null(await IdentifyOrNullAsync(core, session, token));
    }

    [Fact]
    public async Task A_session_a_screen_watches_is_kept_and_its_clock_restarts_when_the_screen_closes()
    {
        var (core, clock, retention) = await StartAsync();
        await using var _ = core;
        var session = await core.Catalog.CreateAsync(new CreateSessionRequest("On the wall", Questions: ["Q?"]));
        var events = core.Services.GetRequiredService<ISessionEvents>();

        var board = events.Subscribe(session.SessionId, _ => { });
        clock.Now = Start.AddDays(200);
        Assert.Equal(0, await retention.PurgeExpiredAsync());
        board.Dispose();

        clock.Now = Start.AddDays(289);
        Assert.Equal(0, await retention.PurgeExpiredAsync());
        clock.Now = Start.AddDays(291);
        Assert.Equal(1, await retention.PurgeExpiredAsync());
    }

    [Fact]
    public async Task An_imported_archive_of_an_old_session_is_kept()
    {
        var (core, clock, retention) = await StartAsync();
        await using var _ = core;
        var old = await core.Catalog.CreateAsync(new CreateSessionRequest("2019", new DateOnly(2019, 5, 1), Questions: ["Q?"]));
        var archive = Sessions.Core.Reports.SessionArchiveWriter.Build(await core.Reader.GetAsync(old.SessionId));
        clock.Now = Start.AddDays(300);

        var imported = await core.Services.GetRequiredService<SessionImporter>().ImportAsync(archive);

        Assert.Equal(1, await retention.PurgeExpiredAsync());
        var state = await core.Reader.GetAsync(imported.SessionId);
        Assert.Equal(new DateOnly(2019, 5, 1), state.Date);
    }

    [Fact]
    public async Task Zero_days_keeps_every_session()
    {
        var clock = new ManualTime(Start);
        await using var core = await CoreHarness.StartAsync(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.Configure<RetentionOptions>(o => o.Days = 0);
        });
        await core.CreateAsync();
        clock.Now = Start.AddYears(5);

        Assert.Equal(0, await core.Services.GetRequiredService<SessionRetention>().PurgeExpiredAsync());
        var factory = core.Services.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Sessions.CountAsync());
    }

    private static async Task<ParticipantIdentity?> IdentifyOrNullAsync(CoreHarness core, CreatedSession session, string token)
    {
        try
        {
            return await core.Participants.IdentifyAsync(session.JoinCode, token);
        }
        catch (SessionRuleException)
        {
            return null;
        }
    }
}
