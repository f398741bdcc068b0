namespace Sessions.Core.Events;

/// <summary>Published after a change to a session has been committed; screens re-read the state at least at <paramref name="Version"/>.</summary>
public sealed record SessionChanged(Guid SessionId, string JoinCode, long Version);
