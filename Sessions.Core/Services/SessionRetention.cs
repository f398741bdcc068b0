using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Core.Data;
using Sessions.Core.Events;

namespace Sessions.Core.Services;

/// <summary>How long a session is kept ("Sessions:Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Sessions:Retention";

    /// <summary>
    /// Days after a session's last activity (a write, or a screen watching it) that it is deleted with everything
    /// in it. 0 keeps sessions for ever. The session's date plays no part: it is only what the report says.
    /// </summary>
    public int Days { get; set; } = 90;
}

/// <summary>Deletes sessions nobody used for the retention period: names, answers and ballots are personal data (GDPR).</summary>
public sealed class SessionRetention(
    IDbContextFactory<SessionsDbContext> dbFactory,
    SessionCatalog catalog,
    ISessionEvents events,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<SessionRetention> logger)
{
    /// <summary>Days of no activity after which a session is deleted; 0 keeps sessions for ever.</summary>
    public int Days => options.Value.Days;

    /// <summary>When a session whose last activity was at <paramref name="lastActivityUtc"/> will be deleted; null when sessions are kept for ever.</summary>
    public DateTime? DeletionDue(DateTime lastActivityUtc) =>
        options.Value.Days > 0 ? lastActivityUtc.AddDays(options.Value.Days) : null;

    /// <summary>
    /// Records that the sessions screens on this server watch are in use, so no server deletes them. Runs before
    /// every purge; every server purges every hour, so a session watched anywhere is at most an hour behind.
    /// </summary>
    /// <summary>
    /// An import writes its session in several transactions and gives it its join code last; one that a crash cut off
    /// left a session nobody can reach. Imports take seconds, so one begun more than an hour ago is not coming back.
    /// </summary>
    public async Task<int> RemoveAbandonedImportsAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow().UtcDateTime.AddHours(-1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var removed = await db.Sessions.Where(s => s.JoinCode.StartsWith(SessionImporter.ImportingMark) && s.CreatedAtUtc < before)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            logger.LogWarning("Removed {Count} session(s) whose import was cut off", removed);
        }
        return removed;
    }

    public async Task<int> RecordWatchedAsync(CancellationToken cancellationToken = default)
    {
        var watched = events.WatchedSessions();
        if (watched.Count == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var updated = 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in watched.Chunk(500))
        {
            // Not a change of the session (no new version, no event): only the clock that retention reads.
            updated += await db.Sessions.Where(s => chunk.Contains(s.Id) && s.LastActivityUtc < now)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastActivityUtc, now), cancellationToken).ConfigureAwait(false);
        }
        return updated;
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await RemoveAbandonedImportsAsync(cancellationToken).ConfigureAwait(false);
        var days = options.Value.Days;
        if (days <= 0)
        {
            return 0;
        }
        await RecordWatchedAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        List<Guid> expired;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            expired = await db.Sessions.Where(s => s.LastActivityUtc < cutoff).Select(s => s.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        var deleted = 0;
        foreach (var sessionId in expired)
        {
            // A screen that opened the session since the query above keeps it.
            if (events.SubscriberCount(sessionId) > 0)
            {
                continue;
            }
            if (await catalog.RemoveAsync(sessionId, cancellationToken, idleBefore: cutoff).ConfigureAwait(false))
            {
                deleted++;
            }
        }
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} session(s) unused for the retention of {Days} days", deleted, days);
        }
        return deleted;
    }
}
