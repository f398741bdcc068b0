using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Sessions.App.Realtime;

/// <summary>
/// The SignalR Redis backplane, except that a hub connection made while Redis is down is still
/// accepted. The backplane subscribes every new connection in Redis and refuses it when it cannot,
/// so a script watching a session could not connect, or reconnect after a blip, during an outage.
/// Such a connection is served by this server alone (like every connection on a single server) for
/// as long as it lives; everything the app sends it (<see cref="HubEventRelay"/> writes to each
/// local connection) still arrives. Connections made while Redis is up use the backplane as usual.
/// </summary>
public sealed class TolerantRedisHubLifetimeManager<THub> : RedisHubLifetimeManager<THub> where THub : Hub
{
    private readonly DefaultHubLifetimeManager<THub> _local;
    private readonly ConcurrentDictionary<string, byte> _localOnly = new(StringComparer.Ordinal);
    private readonly RedisConnection _redis;
    private readonly ILogger _logger;

    public TolerantRedisHubLifetimeManager(
        ILogger<RedisHubLifetimeManager<THub>> logger,
        IOptions<RedisOptions> options,
        IHubProtocolResolver hubProtocolResolver,
        IOptions<HubOptions> globalHubOptions,
        IOptions<HubOptions<THub>> hubOptions,
        ILogger<DefaultHubLifetimeManager<THub>> localLogger,
        RedisConnection redis)
        : base(logger, options, hubProtocolResolver, globalHubOptions, hubOptions)
    {
        _local = new DefaultHubLifetimeManager<THub>(localLogger);
        _redis = redis;
        _logger = logger;
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        try
        {
            await base.OnConnectedAsync(connection);
        }
        catch (Exception ex) when (!_redis.IsAvailable)
        {
            await _local.OnConnectedAsync(connection);
            _localOnly[connection.ConnectionId] = 0;
            _logger.LogInformation("Accepted hub connection {ConnectionId} without the backplane while Redis is down ({Reason}); this server serves it alone",
                connection.ConnectionId, ex.GetType().Name);
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (_localOnly.TryRemove(connection.ConnectionId, out _))
        {
            await _local.OnDisconnectedAsync(connection);
            return;
        }
        await base.OnDisconnectedAsync(connection);
    }

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        IsLocalOnly(connectionId)
            ? _local.SendConnectionAsync(connectionId, methodName, args, cancellationToken)
            : base.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        if (_localOnly.IsEmpty)
        {
            return base.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);
        }
        var local = connectionIds.Where(IsLocalOnly).ToList();
        var others = connectionIds.Where(id => !IsLocalOnly(id)).ToList();
        return Task.WhenAll(
            _local.SendConnectionsAsync(local, methodName, args, cancellationToken),
            others.Count == 0 ? Task.CompletedTask : base.SendConnectionsAsync(others, methodName, args, cancellationToken));
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        IsLocalOnly(connectionId)
            ? _local.AddToGroupAsync(connectionId, groupName, cancellationToken)
            : base.AddToGroupAsync(connectionId, groupName, cancellationToken);

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        IsLocalOnly(connectionId)
            ? _local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken)
            : base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);

    // Broadcasts reach the connections served here alone first, then everyone else through Redis.
    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        BothAsync(() => _local.SendAllAsync(methodName, args, cancellationToken), () => base.SendAllAsync(methodName, args, cancellationToken));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        BothAsync(() => _local.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken), () => base.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        BothAsync(() => _local.SendGroupAsync(groupName, methodName, args, cancellationToken), () => base.SendGroupAsync(groupName, methodName, args, cancellationToken));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        BothAsync(() => _local.SendGroupsAsync(groupNames, methodName, args, cancellationToken), () => base.SendGroupsAsync(groupNames, methodName, args, cancellationToken));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        BothAsync(() => _local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken), () => base.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        BothAsync(() => _local.SendUserAsync(userId, methodName, args, cancellationToken), () => base.SendUserAsync(userId, methodName, args, cancellationToken));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        BothAsync(() => _local.SendUsersAsync(userIds, methodName, args, cancellationToken), () => base.SendUsersAsync(userIds, methodName, args, cancellationToken));

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        IsLocalOnly(connectionId)
            ? _local.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken)
            : base.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
        IsLocalOnly(connectionId)
            ? _local.SetConnectionResultAsync(connectionId, result)
            : base.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [NotNullWhen(true)] out Type? type) =>
        _local.TryGetReturnType(invocationId, out type) || base.TryGetReturnType(invocationId, out type);

    private bool IsLocalOnly(string connectionId) => !_localOnly.IsEmpty && _localOnly.ContainsKey(connectionId);

    private Task BothAsync(Func<Task> local, Func<Task> throughRedis) =>
        _localOnly.IsEmpty ? throughRedis() : BothSlowAsync(local, throughRedis);

    private static async Task BothSlowAsync(Func<Task> local, Func<Task> throughRedis)
    {
        await local();
        await throughRedis();
    }
}
