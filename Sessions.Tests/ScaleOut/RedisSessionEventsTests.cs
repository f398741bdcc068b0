using Sessions.Tests.Support;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Sessions.App.Realtime;
using Sessions.Core.Events;

namespace Sessions.Tests.ScaleOut;

public sealed class RedisSessionEventsTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    /// <summary>Versions as a fake database holds them.</summary>
    private sealed class FakeVersions(params SessionChanged[] current) : ISessionVersions
    {
        public Task<IReadOnlyList<SessionChanged>> CurrentAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SessionChanged>>([.. current.Where(c => sessionIds.Contains(c.SessionId))]);
    }

    private sealed class Server : IAsyncDisposable
    {
        private readonly RedisConnection _connection;

        public Server(string configuration, ISessionVersions? versions = null)
        {
            _connection = new RedisConnection(ScaleOutExtensions.ParseRedisConfiguration(configuration), NullLogger<RedisConnection>.Instance, TimeProvider.System);
            Events = new RedisSessionEvents(_connection, versions ?? new FakeVersions(), NullLoggerFactory.Instance);
        }

        public RedisSessionEvents Events { get; }
        public bool RedisAvailable => _connection.IsAvailable;

        public async Task StartAsync() => await Events.StartAsync(CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await Events.StopAsync(CancellationToken.None);
            _connection.Dispose();
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    private static string Prefix() => $"test-{Guid.NewGuid():N}:";

    [Fact]
    [Needs(TestServers.SharedRedis)]
    public async Task A_change_published_on_one_server_reaches_the_subscribers_of_another_and_its_own_once()
    {
        var configuration = RedisServer.SharedConfiguration(Prefix());
        await using var a = new Server(configuration);
        await using var b = new Server(configuration);
        await a.StartAsync();
        await b.StartAsync();
        await EventuallyAsync(() => a.RedisAvailable && b.RedisAvailable, "both servers are connected to Redis");
        var session = Guid.NewGuid();
        var heardOnA = new ConcurrentQueue<long>();
        var heardOnB = new ConcurrentQueue<SessionChanged>();
        using var onA = a.Events.Subscribe(session, c => heardOnA.Enqueue(c.Version));
        using var onB = b.Events.Subscribe(session, heardOnB.Enqueue);
        using var otherSession = b.Events.Subscribe(Guid.NewGuid(), c => Assert.Fail("a subscriber of another session heard a change"));
        // The subscription is made in the background; publish until B hears, as a server would keep changing.
        var version = 0L;
        while (heardOnB.IsEmpty)
        {
            await a.Events.PublishAsync(new SessionChanged(session, "ABC234", ++version));
            await Task.Delay(100);
            Assert.True(version < 100, "server B never heard server A's changes over Redis");
        }

        await b.Events.PublishAsync(new SessionChanged(session, "ABC234", 1000));

        await EventuallyAsync(() => heardOnA.Contains(1000), "server A hears server B's change");
        var first = heardOnB.First();
        Assert.Equal(session, first.SessionId);
        Assert.Equal("ABC234", first.JoinCode);
        // A's own changes reached its subscriber once each (at once, not again from Redis). A marker round instead of
        // a wait: B hearing A's 2000 means Redis has carried every change A published; A then hearing B's 3000, on
        // the same subscription and after them, means any echo of A's own changes would have reached A before it.
        await a.Events.PublishAsync(new SessionChanged(session, "ABC234", 2000));
        await EventuallyAsync(() => heardOnB.Any(c => c.Version == 2000), "server B hears server A's marker");
        await b.Events.PublishAsync(new SessionChanged(session, "ABC234", 3000));
        await EventuallyAsync(() => heardOnA.Contains(3000), "server A hears server B's marker");
        Assert.Equal([.. Enumerable.Range(1, (int)version).Select(v => (long)v), 1000L, 2000L, 3000L], heardOnA.Order().ToArray());
    }

    [Fact]
    public async Task Without_Redis_a_change_reaches_the_servers_own_subscribers_before_publish_returns()
    {
        await using var server = new Server($"127.0.0.1:{RedisServer.FreePort()},channelPrefix={Prefix()}");
        await server.StartAsync();
        var session = Guid.NewGuid();
        var heard = new List<long>();
        var all = new List<long>();
        using var one = server.Events.Subscribe(session, c => heard.Add(c.Version));
        using var every = server.Events.SubscribeAll(c => all.Add(c.Version));

        var publish = server.Events.PublishAsync(new SessionChanged(session, "ABC234", 7));

        Assert.True(publish.IsCompleted, "publishing must not wait for Redis");
        Assert.Equal([7L], heard);
        Assert.Equal([7L], all);
        Assert.False(server.RedisAvailable);
        Assert.Equal(1, server.Events.SubscriberCount(session));
    }

    [Fact]
    [Needs(TestServers.OwnRedis)]
    public async Task After_an_outage_watched_sessions_are_re_announced_from_the_database_and_changes_made_meanwhile_are_sent()
    {
        using var redis = await RedisServer.StartOwnAsync();
        var configuration = redis.Configuration(Prefix());
        var caughtUp = Guid.NewGuid();
        var changedElsewhere = Guid.NewGuid();
        await using var a = new Server(configuration);
        await using var b = new Server(configuration, new FakeVersions(new SessionChanged(caughtUp, "CAT234", 7), new SessionChanged(changedElsewhere, "CHG234", 3)));
        await a.StartAsync();
        await b.StartAsync();
        await EventuallyAsync(() => a.RedisAvailable && b.RedisAvailable, "both servers are connected to Redis");
        var heardOnB = new ConcurrentQueue<SessionChanged>();
        using var first = b.Events.Subscribe(caughtUp, heardOnB.Enqueue);
        using var second = b.Events.Subscribe(changedElsewhere, heardOnB.Enqueue);

        redis.Stop();
        await EventuallyAsync(() => !a.RedisAvailable && !b.RedisAvailable, "both servers notice that Redis is gone");
        var heardOnA = new ConcurrentQueue<long>();
        using (a.Events.Subscribe(changedElsewhere, c => heardOnA.Enqueue(c.Version)))
        {
            await a.Events.PublishAsync(new SessionChanged(changedElsewhere, "CHG234", 9));
        }
        // Without Redis, A's own subscriber is told before the publish returns; B, with nothing between them, is not.
        Assert.Equal([9L], heardOnA);
        Assert.Empty(heardOnB);

        await redis.StartAsync();

        await EventuallyAsync(() => heardOnB.Any(c => c.SessionId == caughtUp && c.Version == 7), "server B re-announces the session it watches at its database version");
        await EventuallyAsync(() => heardOnB.Any(c => c.SessionId == changedElsewhere && c.Version == 9), "server A sends the change it made while Redis was away");
        Assert.True(a.RedisAvailable && b.RedisAvailable);
    }

    [Fact]
    [Needs(TestServers.OwnRedis)]
    public async Task A_server_that_started_while_Redis_was_down_joins_in_when_Redis_comes_up()
    {
        using var redis = await RedisServer.StartOwnAsync();
        var configuration = redis.Configuration(Prefix());
        await using var a = new Server(configuration);
        await a.StartAsync();
        redis.Stop();
        await using var late = new Server(configuration);
        await late.StartAsync();
        Assert.False(late.RedisAvailable);

        await redis.StartAsync();
        await EventuallyAsync(() => a.RedisAvailable && late.RedisAvailable, "both servers are connected to Redis");
        var session = Guid.NewGuid();
        var heard = new ConcurrentQueue<long>();
        using var subscription = late.Events.Subscribe(session, c => heard.Enqueue(c.Version));
        var version = 0L;
        while (heard.IsEmpty)
        {
            await a.Events.PublishAsync(new SessionChanged(session, "LAT234", ++version));
            await Task.Delay(100);
            Assert.True(version < 200, "the late server never heard the other server's changes");
        }
    }
}
