using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Sessions.Core.Services;

/// <summary>
/// Who has a participant screen open right now, on this server. Presence is not session data: it is
/// not stored and changes no version; the facilitator's console listens to it directly.
/// A session's entries go as soon as its last screen closes, under one small lock, so nothing of a
/// session nobody watches stays behind.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, int>> _connections = new();
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Action>> _listeners = new();
    private readonly Lock _sync = new();

    /// <summary>Sessions with an entry here (for tests of what idle sessions leave behind).</summary>
    public int SessionCount => _connections.Count + _listeners.Count;

    public IDisposable Connect(Guid sessionId, Guid participantId)
    {
        lock (_sync)
        {
            var session = _connections.GetOrAdd(sessionId, _ => new ConcurrentDictionary<Guid, int>());
            session.AddOrUpdate(participantId, 1, (_, n) => n + 1);
        }
        Notify(sessionId);
        return new Connection(this, sessionId, participantId);
    }

    /// <summary>Participants with a screen open here, over all sessions (a participant with two screens counts once per session).</summary>
    public int OnlineCount => _connections.Values.Sum(session => session.Count(p => p.Value > 0));

    public IReadOnlySet<Guid> Online(Guid sessionId) =>
        _connections.TryGetValue(sessionId, out var session)
            ? session.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet()
            : new HashSet<Guid>();

    public IDisposable Subscribe(Guid sessionId, Action onChange)
    {
        lock (_sync)
        {
            _listeners.AddOrUpdate(sessionId, _ => [onChange], (_, list) => list.Add(onChange));
        }
        return new Listener(this, sessionId, onChange);
    }

    private void Disconnect(Guid sessionId, Guid participantId)
    {
        lock (_sync)
        {
            if (_connections.TryGetValue(sessionId, out var session))
            {
                var left = session.AddOrUpdate(participantId, 0, (_, n) => Math.Max(0, n - 1));
                if (left == 0)
                {
                    session.TryRemove(new KeyValuePair<Guid, int>(participantId, 0));
                }
                if (session.IsEmpty)
                {
                    _connections.TryRemove(sessionId, out _);
                }
            }
        }
        Notify(sessionId);
    }

    private void Unsubscribe(Guid sessionId, Action onChange)
    {
        lock (_sync)
        {
            if (_listeners.TryGetValue(sessionId, out var list))
            {
                var left = list.Remove(onChange);
                if (left.IsEmpty)
                {
                    _listeners.TryRemove(sessionId, out _);
                }
                else
                {
                    _listeners[sessionId] = left;
                }
            }
        }
    }

    private void Notify(Guid sessionId)
    {
        if (_listeners.TryGetValue(sessionId, out var list))
        {
            foreach (var listener in list)
            {
                listener();
            }
        }
    }

    private sealed class Connection(PresenceTracker owner, Guid sessionId, Guid participantId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Disconnect(sessionId, participantId);
            }
        }
    }

    private sealed class Listener(PresenceTracker owner, Guid sessionId, Action onChange) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(sessionId, onChange);
    }
}
