namespace Sessions.Core.Events;

/// <summary>
/// The current version of sessions as the database holds it. A server that may have missed events
/// (its link to the other servers was down) re-announces these to its own screens, which then re-read.
/// </summary>
public interface ISessionVersions
{
    /// <summary>One change per session that still exists, at its current version; deleted sessions are left out.</summary>
    Task<IReadOnlyList<SessionChanged>> CurrentAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken = default);
}
