using Sessions.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Sessions.Tests.ScaleOut;

/// <summary>Two app servers on one database and a Redis of the test's own, which it stops and starts again.</summary>
[Needs(TestServers.Postgres | TestServers.OwnRedis)]
public sealed class RedisOutageTests
{
    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Without_Redis_each_server_serves_its_own_watchers_says_so_and_catches_up_when_Redis_returns()
    {
        using var redis = await RedisServer.StartOwnAsync();
        using var database = SharedDatabase.Create();
        var configuration = redis.Configuration($"test-{Guid.NewGuid():N}:");
        using var a = ScaleOutApp.Start(database.ConnectionString, configuration);
        using var b = ScaleOutApp.Start(database.ConnectionString, configuration);
        var onA = new SessionsHttp(a.Http);
        var onB = new SessionsHttp(b.Http);
        var session = await onA.CreateSessionAsync("Wat gaan we doen?");
        var ann = await onA.JoinAsync(session, "Ann");
        var bob = await onB.JoinAsync(session, "Bob");
        await onA.SetCurrentAsync(session, 1);
        var first = await onA.AnswerAsync(session, ann, "Samen beginnen");
        var second = await onB.AnswerAsync(session, bob, "Klein beginnen");
        await onA.SetPhaseAsync(session, "converge");
        await onA.SetPhaseAsync(session, "vote");
        Assert.StartsWith("Healthy", await onA.HealthAsync(), StringComparison.Ordinal);
        await using var watcherOnA = await HubWatcher.WatchAsync(a.RootUri, session.JoinCode);
        await using var watcherOnB = await HubWatcher.WatchAsync(b.RootUri, session.JoinCode);

        // With Redis, a change on B reaches the watcher on A.
        await onB.VoteAsync(session, bob, second);
        await watcherOnA.SeesAsync(await onB.VersionAsync(session), "a ballot on the other server, with Redis");

        redis.Stop();

        await EventuallyAsync(async () => (await onA.HealthAsync()).StartsWith("Degraded", StringComparison.Ordinal), "A's health check says Degraded");
        var health = await onA.HealthAsync();
        Assert.Contains($"redis: Degraded - Redis at 127.0.0.1:{redis.Port} is unreachable", health, StringComparison.Ordinal);
        Assert.Contains("database: Healthy", health, StringComparison.Ordinal);
        Assert.Contains(a.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Lost the connection to Redis", StringComparison.Ordinal));

        // A's own watchers, connected before and since Redis went down, hear a ballot made on A.
        await using var lateWatcherOnA = await HubWatcher.WatchAsync(a.RootUri, session.JoinCode);
        await onA.VoteAsync(session, ann, first);
        var afterAnnsVote = await onA.VersionAsync(session);
        await watcherOnA.SeesAsync(afterAnnsVote, "a ballot on its own server while Redis is down");
        await lateWatcherOnA.SeesAsync(afterAnnsVote, "a ballot on its own server, watching since Redis went down");

        // B changes the session meanwhile; A cannot hear of it yet.
        await onB.VoteAsync(session, bob, first);
        var afterBobsVote = await onB.VersionAsync(session);
        Assert.True(afterBobsVote > afterAnnsVote);
        await watcherOnB.SeesAsync(afterBobsVote, "a ballot on its own server while Redis is down");

        await redis.StartAsync();

        await EventuallyAsync(async () => (await onA.HealthAsync()).StartsWith("Healthy", StringComparison.Ordinal), "A's health check is Healthy again");
        Assert.Contains("redis: Healthy", await onA.HealthAsync(), StringComparison.Ordinal);
        Assert.Contains(a.Log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("is restored", StringComparison.Ordinal));
        await watcherOnA.SeesAsync(afterBobsVote, "the other server's ballot, caught up after Redis returned");
        await lateWatcherOnA.SeesAsync(afterBobsVote, "the other server's ballot, caught up after Redis returned");
    }
}
