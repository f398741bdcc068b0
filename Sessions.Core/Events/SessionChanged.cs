namespace Sessions.Core.Events;

/// <summary>Published after a change to a session has been committed; screens re-read the state at least at <paramref name="Version"/>.</summary>
/// <param name="Deleted">The session is gone: a screen shows that instead of re-reading.</param>
public sealed record SessionChanged(Guid SessionId, string JoinCode, long Version, bool Deleted = false)
{
    /// <summary>
    /// The session was deleted: <see cref="Deleted"/>. Its version is the one after the session's last, so a watcher
    /// that keeps only newer versions hears of it; there is no state of that version to read, so a listener that sees
    /// the deletion reads the session from the database (where it is gone), never a snapshot it holds.
    /// </summary>
    /// <param name="lastVersion">The session's last version; 0 when it is not known here.</param>
    public static SessionChanged Gone(Guid sessionId, string joinCode, long lastVersion) => new(sessionId, joinCode, lastVersion + 1, Deleted: true);
}
