using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Sessions.Core.Services;

/// <summary>
/// Who has a participant screen open right now, on this server. Presence is not session data: it is
/// not stored and changes no version; the facilitator's console listens to it directly.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, int>> _connections = new();
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Action>> _listeners = new();

    public IDisposable Connect(Guid sessionId, Guid participantId)
    {
        var session = _connections.GetOrAdd(sessionId, _ => new ConcurrentDictionary<Guid, int>());
        session.AddOrUpdate(participantId, 1, (_, n) => n + 1);
        Notify(sessionId);
        return new Connection(this, sessionId, participantId);
    }

    public IReadOnlySet<Guid> Online(Guid sessionId) =>
        _connections.TryGetValue(sessionId, out var session)
            ? session.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet()
            : new HashSet<Guid>();

    public IDisposable Subscribe(Guid sessionId, Action onChange)
    {
        _listeners.AddOrUpdate(sessionId, _ => [onChange], (_, list) => list.Add(onChange));
        return new Listener(this, sessionId, onChange);
    }

    private void Disconnect(Guid sessionId, Guid participantId)
    {
        if (_connections.TryGetValue(sessionId, out var session))
        {
            var left = session.AddOrUpdate(participantId, 0, (_, n) => Math.Max(0, n - 1));
            if (left == 0)
            {
                session.TryRemove(new KeyValuePair<Guid, int>(participantId, 0));
            }
        }
        Notify(sessionId);
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
        public void Dispose() =>
            owner._listeners.AddOrUpdate(sessionId, _ => [], (_, list) => list.Remove(onChange));
    }
}
