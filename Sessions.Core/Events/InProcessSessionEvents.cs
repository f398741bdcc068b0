using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Sessions.Core.Events;

/// <summary>Events within one app server. Subscriptions are copy-on-write so publishing never takes a lock.</summary>
public sealed class InProcessSessionEvents(ILogger<InProcessSessionEvents> logger) : ISessionEvents
{
    private static readonly Guid s_all = Guid.Empty;
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Action<SessionChanged>>> _handlers = new();

    public Task PublishAsync(SessionChanged change, CancellationToken cancellationToken = default)
    {
        Invoke(change.SessionId, change);
        Invoke(s_all, change);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Guid sessionId, Action<SessionChanged> handler)
    {
        if (sessionId == s_all)
        {
            throw new ArgumentException("Use SubscribeAll to hear every session.", nameof(sessionId));
        }
        return Add(sessionId, handler);
    }

    public IDisposable SubscribeAll(Action<SessionChanged> handler) => Add(s_all, handler);

    public int SubscriberCount(Guid sessionId) =>
        _handlers.TryGetValue(sessionId, out var list) ? list.Length : 0;

    /// <summary>The sessions that have at least one subscriber here: what a server re-announces after missing events.</summary>
    public IReadOnlyList<Guid> WatchedSessions() =>
        [.. _handlers.Where(entry => entry.Key != s_all && !entry.Value.IsEmpty).Select(entry => entry.Key)];

    private Subscription Add(Guid key, Action<SessionChanged> handler)
    {
        _handlers.AddOrUpdate(key, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(this, key, handler);
    }

    private void Remove(Guid key, Action<SessionChanged> handler)
    {
        while (_handlers.TryGetValue(key, out var list))
        {
            var updated = list.Remove(handler);
            var done = updated.IsEmpty
                ? _handlers.TryRemove(new KeyValuePair<Guid, ImmutableArray<Action<SessionChanged>>>(key, list))
                : _handlers.TryUpdate(key, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    private void Invoke(Guid key, SessionChanged change)
    {
        if (!_handlers.TryGetValue(key, out var list))
        {
            return;
        }
        foreach (var handler in list)
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A subscriber of session {SessionId} failed on version {Version}", change.SessionId, change.Version);
            }
        }
    }

    private sealed class Subscription(InProcessSessionEvents owner, Guid key, Action<SessionChanged> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(key, handler);
            }
        }
    }
}
