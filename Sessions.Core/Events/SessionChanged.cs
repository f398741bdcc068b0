namespace Sessions.Core.Events;

/// <summary>Published after a change to a session has been committed; screens re-read the state at least at <paramref name="Version"/>.</summary>
/// <param name="Deleted">The session is gone: a screen shows that instead of re-reading.</param>
public sealed record SessionChanged(Guid SessionId, string JoinCode, long Version, bool Deleted = false)
{
    /// <summary>
    /// The session was deleted: <see cref="Deleted"/>, with no state and so no version (0). A listener that sees it reads
    /// the session from the database, where it is gone, never a snapshot it holds; the hub relay sends it to watchers
    /// as the version after the last one they had.
    /// </summary>
    public static SessionChanged Gone(Guid sessionId, string joinCode) => new(sessionId, joinCode, 0, Deleted: true);
}
