using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Sessions.App.Hubs;
using Sessions.App.Realtime;
using Sessions.Core.Events;
using Sessions.Tests.Integration;
using Sessions.Tests.Support;

namespace Sessions.Tests.ScaleOut;

public sealed class ScaleOutConfigurationTests
{
    /// <summary>Any hub but the app's: stands for Blazor's own circuit hub, which is internal.</summary>
    private sealed class OtherHub : Hub;

    [Theory]
    [InlineData("127.0.0.1:6379,color=blue", "Keyword 'color' is not supported")]
    [InlineData(",", "names no server")]
    public void An_unreadable_Redis_setting_stops_the_start_with_a_message_that_names_the_setting(string setting, string reason)
    {
        using var database = new TestDatabase();
        using var app = new SessionsAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = setting }, sharedDatabase: database.ConnectionString);

        var error = Assert.Throws<InvalidOperationException>(() => app.Services);

        Assert.StartsWith("ConnectionStrings:Redis", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:6379", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_Redis_setting_the_app_is_one_server_with_events_in_process()
    {
        using var factory = new SessionsAppFactory();

        Assert.IsType<InProcessSessionEvents>(factory.Services.GetRequiredService<ISessionEvents>());
        Assert.IsType<DefaultHubLifetimeManager<SessionHub>>(factory.Services.GetRequiredService<HubLifetimeManager<SessionHub>>());
        Assert.Null(factory.Services.GetService<RedisConnection>());
        Assert.True(factory.Services.GetRequiredService<HubEventRelay>().SendsToGroups);
    }

    [Fact]
    [Needs(TestServers.SharedRedis)]
    public async Task With_Redis_the_events_go_over_Redis_and_only_the_apps_hub_uses_the_backplane()
    {
        using var database = new TestDatabase();
        using var app = new SessionsAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = RedisServer.SharedConfiguration($"test-{Guid.NewGuid():N}:") }, sharedDatabase: database.ConnectionString);

        Assert.IsType<RedisSessionEvents>(app.Services.GetRequiredService<ISessionEvents>());
        Assert.IsType<TolerantRedisHubLifetimeManager<SessionHub>>(app.Services.GetRequiredService<HubLifetimeManager<SessionHub>>());
        // Blazor's circuits must connect while Redis is down: no other hub goes through Redis.
        Assert.IsType<DefaultHubLifetimeManager<OtherHub>>(app.Services.GetRequiredService<HubLifetimeManager<OtherHub>>());
        Assert.False(app.Services.GetRequiredService<HubEventRelay>().SendsToGroups);
        var redis = app.Services.GetRequiredService<RedisConnection>();
        Assert.Equal("sessions:", ScaleOutExtensions.ParseRedisConfiguration("127.0.0.1:6379").ChannelPrefix.ToString());
        Assert.False(ScaleOutExtensions.ParseRedisConfiguration("127.0.0.1:6379").AbortOnConnectFail);
        // The backplane shares the events' connection.
        var backplaneConnection = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RedisOptions>>().Value.ConnectionFactory!;
        Assert.Same(redis.Multiplexer, await backplaneConnection(TextWriter.Null));
    }
}
