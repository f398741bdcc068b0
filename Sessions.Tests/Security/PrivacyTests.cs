using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sessions.Core.Data;
using Sessions.Core.Services;
using Sessions.Tests.Support;

namespace Sessions.Tests.Security;

public sealed class PrivacyTests
{
    [Fact]
    public async Task Sessions_unused_for_the_retention_period_are_deleted_with_everything_in_them()
    {
        var clock = new ManualTime(new DateTimeOffset(2023, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var core = await CoreHarness.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        var old = await core.Catalog.CreateAsync(new CreateSessionRequest("Old", new DateOnly(2022, 11, 25), Questions: ["Q?"]));
        var token = await core.JoinAsync(old, "Ann");
        await core.Participants.SubmitAnswerAsync(old.JoinCode, 1, token, "Something personal", "a");
        clock.Now = clock.Now.AddDays(60);
        var recent = await core.Catalog.CreateAsync(new CreateSessionRequest("Recent", new DateOnly(2020, 2, 1), Questions: ["Q?"]));
        var undated = await core.Catalog.CreateAsync(new CreateSessionRequest("Undated", Questions: ["Q?"]));
        var retention = core.Services.GetRequiredService<SessionRetention>();
        clock.Now = clock.Now.AddDays(31);

        Assert.Equal(1, await retention.PurgeExpiredAsync());

        await Assert.ThrowsAsync<Sessions.Core.Domain.SessionRuleException>(() => core.Reader.GetAsync(old.SessionId));
        await core.Reader.GetAsync(recent.SessionId);
        await core.Reader.GetAsync(undated.SessionId);
        var factory = core.Services.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Participants.CountAsync());
            Assert.Equal(0, await db.Answers.CountAsync());
            Assert.Equal(2, await db.Questions.CountAsync());
        }

        clock.Now = clock.Now.AddDays(60);
        Assert.Equal(2, await retention.PurgeExpiredAsync());
    }

    [Fact]
    public async Task The_facilitator_deletes_a_session_and_everything_in_it()
    {
        await using var core = await CoreHarness.StartAsync();
        var session = await core.CreateAsync();
        var token = await core.JoinAsync(session, "Ann");
        var answers = await core.OpenVoteAsync(session, [token], 2);
        await core.Participants.PutBallotAsync(session.JoinCode, 1, token, new Dictionary<Guid, int> { [answers[0]] = 1 });

        await core.Catalog.DeleteAsync(session.SessionId, session.FacilitatorKey);

        var factory = core.Services.GetRequiredService<IDbContextFactory<SessionsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(0, await db.Sessions.CountAsync());
        Assert.Equal(0, await db.Questions.CountAsync());
        Assert.Equal(0, await db.Answers.CountAsync());
        Assert.Equal(0, await db.Participants.CountAsync());
        Assert.Equal(0, await db.Votes.CountAsync());
    }

    [Fact]
    public async Task Names_and_organisations_never_reach_the_logs()
    {
        var captured = new ConcurrentQueue<string>();
        using var database = new TestDatabase();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Sessions", database.ConnectionString);
            b.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddFilter(_ => true);
                logging.AddProvider(new CapturingLoggerProvider(captured));
            });
        });
        using var http = app.CreateClient();

        var created = await (await http.PostAsJsonAsync("/api/sessions", new { title = "Privacy", questions = new[] { "Q?" } })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var joinCode = created.GetProperty("joinCode").GetString();
        await http.PostAsJsonAsync($"/api/sessions/{joinCode}/participants", new { name = "Zoë Vertrouwelijk", organisation = "Geheimhouding BV", mayBeNamed = true });
        await http.PostAsJsonAsync($"/api/sessions/{joinCode}/participants", new { name = new string('N', 200), organisation = "Geheimhouding BV", mayBeNamed = true });
        using var report = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{created.GetProperty("sessionId").GetString()}/report.md");
        report.Headers.Authorization = new("Bearer", created.GetProperty("facilitatorKey").GetString());
        (await http.SendAsync(report)).EnsureSuccessStatusCode();

        Assert.NotEmpty(captured);
        Assert.DoesNotContain(captured, line => line.Contains("Vertrouwelijk", StringComparison.Ordinal));
        Assert.DoesNotContain(captured, line => line.Contains("Geheimhouding", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
