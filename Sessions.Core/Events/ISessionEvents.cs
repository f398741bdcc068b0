namespace Sessions.Core.Events;

/// <summary>
/// Publish/subscribe per session. Handlers are called on the publisher's thread and must return
/// at once (signal a render, queue a send); they never block the command that published.
/// </summary>
public interface ISessionEvents
{
    Task PublishAsync(SessionChanged change, CancellationToken cancellationToken = default);

    IDisposable Subscribe(Guid sessionId, Action<SessionChanged> handler);

    IDisposable SubscribeAll(Action<SessionChanged> handler);

    int SubscriberCount(Guid sessionId);

    /// <summary>The sessions a screen or hub connection of this server follows now: activity that retention counts.</summary>
    IReadOnlyList<Guid> WatchedSessions();
}
