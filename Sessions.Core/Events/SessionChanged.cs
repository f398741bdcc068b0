namespace Sessions.Core.Events;

/// <summary>Published after a change to a session has been committed; screens re-read the state at least at <paramref name="Version"/>.</summary>
/// <param name="Deleted">The session is gone: a screen shows that instead of re-reading.</param>
public sealed record SessionChanged(Guid SessionId, string JoinCode, long Version, bool Deleted = false)
{
    /// <summary>
    /// The session was deleted. Its version is the highest there is, so the deletion wins every comparison of
    /// versions (a screen never waits for a newer state); whether it was deleted is <see cref="Deleted"/>.
    /// </summary>
    public static SessionChanged Gone(Guid sessionId, string joinCode) => new(sessionId, joinCode, long.MaxValue, Deleted: true);
}
