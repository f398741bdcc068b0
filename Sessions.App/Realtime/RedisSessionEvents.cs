using System.Collections.Concurrent;
using System.Globalization;
using Sessions.Core.Events;
using StackExchange.Redis;

namespace Sessions.App.Realtime;

/// <summary>
/// Session events shared by several app servers over Redis pub/sub. A change is delivered to this
/// server's own subscribers at once, in process, so its screens never wait for or depend on Redis;
/// it is then published on one Redis channel, and changes that other servers publish there are
/// delivered to the subscribers here. A message carries only (session, join code, version): every
/// screen re-reads the state from the database, so a repeated or late message is harmless.
/// When the link to Redis comes back, every session watched here is re-announced at its current
/// version from the database (changes of other servers may have been missed meanwhile), and the
/// changes made here while Redis was away are published for the other servers.
/// </summary>
public sealed class RedisSessionEvents : ISessionEvents, IHostedService, IDisposable
{
    private const string ChannelName = "session-events";

    private readonly InProcessSessionEvents _local;
    private readonly RedisConnection _redis;
    private readonly ISessionVersions _versions;
    private readonly ILogger<RedisSessionEvents> _logger;
    private readonly RedisChannel _channel = RedisChannel.Literal(ChannelName);
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<Guid, SessionChanged> _unsent = new();
    private readonly CancellationTokenSource _stopping = new();

    public RedisSessionEvents(RedisConnection redis, ISessionVersions versions, ILoggerFactory loggers)
    {
        _redis = redis;
        _versions = versions;
        _logger = loggers.CreateLogger<RedisSessionEvents>();
        _local = new InProcessSessionEvents(loggers.CreateLogger<InProcessSessionEvents>());
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _redis.Restored += OnRestored;
        // Fire and forget: while Redis is down at start-up the multiplexer subscribes once it connects.
        _redis.Multiplexer.GetSubscriber().Subscribe(_channel, OnMessage, CommandFlags.FireAndForget);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _redis.Restored -= OnRestored;
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }
    }

    public Task PublishAsync(SessionChanged change, CancellationToken cancellationToken = default)
    {
        var delivered = _local.PublishAsync(change, cancellationToken);
        Send(change);
        return delivered;
    }

    public IDisposable Subscribe(Guid sessionId, Action<SessionChanged> handler) => _local.Subscribe(sessionId, handler);

    public IDisposable SubscribeAll(Action<SessionChanged> handler) => _local.SubscribeAll(handler);

    public int SubscriberCount(Guid sessionId) => _local.SubscriberCount(sessionId);

    public IReadOnlyList<Guid> WatchedSessions() => _local.WatchedSessions();

    /// <summary>Publishes without waiting: the command that changed the session never waits for Redis.</summary>
    private void Send(SessionChanged change)
    {
        if (!_redis.IsAvailable)
        {
            Remember(change);
            return;
        }
        try
        {
            _redis.Multiplexer.GetSubscriber().Publish(_channel, Encode(change), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Could not publish version {Version} of session {SessionId}; it is sent when Redis is back", change.Version, change.SessionId);
            Remember(change);
        }
    }

    private void Remember(SessionChanged change) =>
        _unsent.AddOrUpdate(change.SessionId, change, (_, old) => old.Deleted || (!change.Deleted && old.Version >= change.Version) ? old : change);

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        if (!TryDecode(value, out var origin, out var change))
        {
            _logger.LogWarning("Ignored a message on the session events channel that is not a session change");
            return;
        }
        if (origin == _origin)
        {
            return; // Delivered here already, when it was published.
        }
        _ = _local.PublishAsync(change);
    }

    private void OnRestored() => _ = CatchUpAsync();

    /// <summary>
    /// Re-announces every session watched here at the version the database holds, then, once the other
    /// servers have had a moment to subscribe again too, publishes what changed here while Redis was
    /// away and re-announces once more: a change committed elsewhere while the subscriptions were being
    /// re-established would otherwise slip through.
    /// </summary>
    private async Task CatchUpAsync()
    {
        try
        {
            await AnnounceCurrentVersionsAsync().ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token).ConfigureAwait(false);
            foreach (var sessionId in _unsent.Keys)
            {
                if (_unsent.TryRemove(sessionId, out var change))
                {
                    Send(change);
                }
            }
            await AnnounceCurrentVersionsAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not catch up on the sessions watched here after Redis came back; screens update on the next change");
        }
    }

    private async Task AnnounceCurrentVersionsAsync()
    {
        var watched = _local.WatchedSessions();
        if (watched.Count == 0)
        {
            return;
        }
        var current = await _versions.CurrentAsync(watched, _stopping.Token).ConfigureAwait(false);
        foreach (var change in current)
        {
            await _local.PublishAsync(change, _stopping.Token).ConfigureAwait(false);
        }
        var found = current.Select(c => c.SessionId).ToHashSet();
        foreach (var gone in watched.Where(id => !found.Contains(id)))
        {
            // Deleted on another server meanwhile; screens re-read and show that it is gone.
            await _local.PublishAsync(SessionChanged.Gone(gone, "", lastVersion: 0), _stopping.Token).ConfigureAwait(false);
        }
        _logger.LogInformation("Re-announced {Count} watched sessions at their current versions", watched.Count);
    }

    private const string DeletedMark = "deleted";

    // origin|session|version|joinCode, and |deleted for a deletion.
    private string Encode(SessionChanged change) =>
        string.Join('|', _origin, change.SessionId.ToString("N"), change.Version.ToString(CultureInfo.InvariantCulture), change.JoinCode)
        + (change.Deleted ? "|" + DeletedMark : "");

    private static bool TryDecode(RedisValue value, out string origin, out SessionChanged change)
    {
        origin = "";
        change = default!;
        var parts = ((string?)value ?? "").Split('|');
        if (parts.Length is not (4 or 5)
            || (parts.Length == 5 && parts[4] != DeletedMark)
            || !Guid.TryParseExact(parts[1], "N", out var sessionId)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        origin = parts[0];
        change = new SessionChanged(sessionId, parts[3], version, Deleted: parts.Length == 5);
        return true;
    }
}
