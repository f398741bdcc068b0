using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sessions.App.Endpoints;
using Sessions.App.Hubs;
using Sessions.Core.Events;
using Sessions.Core.Services;
using StackExchange.Redis;

namespace Sessions.App.Realtime;

/// <summary>
/// Several app servers: with `ConnectionStrings:Redis` set, session events travel between the servers
/// over Redis pub/sub and the hub uses the SignalR Redis backplane, both on one shared connection.
/// Empty, nothing changes: one server, events in process.
/// </summary>
public static class ScaleOutExtensions
{
    /// <summary>Prefix of every Redis channel of the app, unless the configuration string names its own (`channelPrefix=`).</summary>
    public const string DefaultChannelPrefix = "sessions:";

    public static ISignalRServerBuilder AddRedisScaleOut(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        var setting = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(setting))
        {
            return signalR;
        }
        var options = ParseRedisConfiguration(setting);
        var services = signalR.Services;

        services.AddSingleton(sp => new RedisConnection(options, sp.GetRequiredService<ILogger<RedisConnection>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISessionVersions, DatabaseSessionVersions>();
        services.AddSingleton<RedisSessionEvents>();
        services.RemoveAll<ISessionEvents>();
        services.AddSingleton<ISessionEvents>(sp => sp.GetRequiredService<RedisSessionEvents>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisSessionEvents>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");

        // The backplane for /hubs/session only. AddStackExchangeRedis would register it for every hub,
        // Blazor's own circuit hub included: then every screen's connection would subscribe in Redis,
        // and no phone could connect or reconnect while Redis is down. Circuits are sticky and need no
        // backplane; their changes arrive through ISessionEvents.
        services.Configure<RedisOptions>(o => o.Configuration = options.Clone());
        services.AddSingleton<HubLifetimeManager<SessionHub>, TolerantRedisHubLifetimeManager<SessionHub>>();
        // The backplane uses the same connection as the events rather than opening its own.
        services.AddOptions<RedisOptions>().Configure<IServiceProvider>((o, sp) =>
            o.ConnectionFactory = _ => Task.FromResult(sp.GetRequiredService<RedisConnection>().Multiplexer));
        return signalR;
    }

    /// <summary>
    /// Reads a StackExchange.Redis configuration string ("127.0.0.1:6379", "redis.internal:6379,password=…").
    /// A string that names no server or cannot be read stops the start with a message that says so.
    /// </summary>
    public static ConfigurationOptions ParseRedisConfiguration(string setting)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(setting);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:Redis cannot be read: {ex.Message} It should be a StackExchange.Redis configuration string such as \"127.0.0.1:6379\" or \"redis.internal:6379,password=...\"; leave it empty for one server.", ex);
        }
        if (options.EndPoints.Count == 0)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Redis names no server. It should be a StackExchange.Redis configuration string such as \"127.0.0.1:6379\"; leave it empty for one server.");
        }
        // Start and serve while Redis is down; the multiplexer keeps trying in the background.
        options.AbortOnConnectFail = false;
        if (options.ChannelPrefix.IsNullOrEmpty)
        {
            options.ChannelPrefix = RedisChannel.Literal(DefaultChannelPrefix);
        }
        options.ClientName ??= "sessions-" + Environment.MachineName;
        return options;
    }
}
