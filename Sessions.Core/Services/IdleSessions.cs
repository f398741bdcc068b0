using Microsoft.Extensions.Options;
using Sessions.Core.Events;

namespace Sessions.Core.Services;

/// <summary>How long the state of a session nobody watches or writes is kept in memory ("Sessions:Memory").</summary>
public sealed class MemoryOptions
{
    public const string Section = "Sessions:Memory";

    /// <summary>Minutes after the last read of a session, with no screen watching it, before its snapshot is released.</summary>
    public double IdleMinutes { get; set; } = 10;
}

/// <summary>
/// Gives back the memory of sessions nobody uses: their shared snapshots. Writer queues, session locks and
/// presence give theirs back themselves as soon as the last command or screen is done.
/// </summary>
public sealed class IdleSessions(SessionReader reader, ISessionEvents events, IOptions<MemoryOptions> options)
{
    public TimeSpan IdleTime => TimeSpan.FromMinutes(Math.Max(0, options.Value.IdleMinutes));

    /// <summary>Releases what idle sessions hold; returns how many sessions were released.</summary>
    public int Release() => reader.ReleaseIdle(IdleTime, sessionId => events.SubscriberCount(sessionId) > 0);
}
