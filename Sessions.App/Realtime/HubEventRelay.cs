using System.Collections.Immutable;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Sessions.App.Hubs;
using Sessions.Core.Events;

namespace Sessions.App.Realtime;

/// <summary>
/// Feeds the hub's watchers from the same events the Blazor screens hear. A session is followed while
/// at least one connection of this server watches it (so it counts as watched here, like a screen,
/// and is caught up after a Redis outage), and a burst per session is coalesced into few messages
/// that carry the newest version.
/// On one server the message goes to the session's group (serialised once for all watchers).
/// With Redis, every server hears every change through <see cref="ISessionEvents"/>, so each server
/// writes to its own watchers directly: a group send through the backplane would reach every watcher
/// once per server, and, because the backplane delivers even local group members from its Redis
/// subscription, nobody at all while Redis is down. A send to one local connection never touches Redis.
/// </summary>
public sealed class HubEventRelay(
    ISessionEvents events,
    IHubContext<SessionHub, ISessionClient> hub,
    IOptions<RealtimeOptions> options,
    ILogger<HubEventRelay> logger,
    RedisConnection? redis = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Watched> _sessions = [];
    private readonly Dictionary<string, HashSet<Guid>> _connections = new(StringComparer.Ordinal);

    /// <summary>True on a single server: watchers join the session's group and messages go to the group.</summary>
    public bool SendsToGroups { get; } = redis is null;

    /// <summary>Starts sending a connection the changes of a session.</summary>
    public void Watch(string connectionId, Guid sessionId, string joinCode)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var watched))
            {
                watched = new Watched(joinCode);
                watched.Signal = new CoalescingSignal(
                    () => SendAsync(watched),
                    TimeSpan.FromMilliseconds(options.Value.HubNotifyMilliseconds),
                    ex => logger.LogWarning(ex, "Could not notify the watchers of session {JoinCode}", joinCode));
                watched.Subscription = events.Subscribe(sessionId, change =>
                {
                    watched.Offer(change);
                    watched.Signal.Signal();
                });
                _sessions[sessionId] = watched;
            }
            watched.Connections = watched.Connections.Add(connectionId);
            if (!_connections.TryGetValue(connectionId, out var sessions))
            {
                _connections[connectionId] = sessions = [];
            }
            sessions.Add(sessionId);
        }
    }

    /// <summary>Stops sending a connection the changes of the session with this join code.</summary>
    public void Unwatch(string connectionId, string joinCode)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var sessions))
            {
                foreach (var sessionId in sessions.Where(id => _sessions[id].JoinCode == joinCode).ToList())
                {
                    Remove(connectionId, sessionId, sessions);
                }
            }
        }
    }

    /// <summary>A connection closed: it watches nothing any more.</summary>
    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var sessions))
            {
                foreach (var sessionId in sessions.ToList())
                {
                    Remove(connectionId, sessionId, sessions);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var watched in _sessions.Values)
            {
                watched.Stop();
            }
            _sessions.Clear();
            _connections.Clear();
        }
    }

    private void Remove(string connectionId, Guid sessionId, HashSet<Guid> sessions)
    {
        sessions.Remove(sessionId);
        if (sessions.Count == 0)
        {
            _connections.Remove(connectionId);
        }
        if (_sessions.TryGetValue(sessionId, out var watched))
        {
            watched.Connections = watched.Connections.Remove(connectionId);
            if (watched.Connections.IsEmpty)
            {
                watched.Stop();
                _sessions.Remove(sessionId);
            }
        }
    }

    private Task SendAsync(Watched watched)
    {
        var message = new SessionChangedMessage(watched.JoinCode, watched.Version, watched.Deleted);
        if (SendsToGroups)
        {
            return hub.Clients.Group(SessionHub.GroupName(watched.JoinCode)).SessionChanged(message);
        }
        var connections = watched.Connections;
        var sends = new List<Task>(connections.Count);
        foreach (var connectionId in connections)
        {
            sends.Add(hub.Clients.Client(connectionId).SessionChanged(message));
        }
        return Task.WhenAll(sends);
    }

    private sealed class Watched(string joinCode)
    {
        private long _version;

        public string JoinCode { get; } = joinCode;
        public ImmutableHashSet<string> Connections { get; set; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
        public CoalescingSignal Signal { get; set; } = default!;
        public IDisposable? Subscription { get; set; }
        private volatile bool _deleted;

        public long Version => Interlocked.Read(ref _version);

        public bool Deleted => _deleted;

        public void Offer(SessionChanged change)
        {
            // Marked before the version is raised, so a send that sees the deletion's version also sees the mark. A
            // deletion whose last version was not known (caught up after a Redis outage) still goes out as a newer one.
            if (change.Deleted)
            {
                _deleted = true;
                NewestVersion.Raise(ref _version, Math.Max(change.Version, Version + 1));
                return;
            }
            NewestVersion.Raise(ref _version, change.Version);
        }

        public void Stop()
        {
            Subscription?.Dispose();
            Signal.Dispose();
        }
    }
}
