using Microsoft.EntityFrameworkCore;

namespace Sessions.Core.Data;

/// <summary>
/// Serialises the writers of one session in the database, so that the rules a command checks inside its
/// transaction (budget, caps, phase) still hold when it commits, whichever app server runs it.
/// </summary>
public static class SessionRowLock
{
    /// <summary>
    /// Call first thing in a writer's transaction. PostgreSQL: locks the session's row until the transaction
    /// ends, so a writer of the same session on any server waits here and then reads what the other committed.
    /// The session's Version (the concurrency token) stays as the safety net. SQLite: nothing to do, the
    /// transaction is BEGIN IMMEDIATE and already holds the file's one write lock.
    /// </summary>
    public static async Task TakeAsync(SessionsDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        // READ COMMITTED (pinned, whatever the server's default): each statement after the wait sees the rows
        // the previous writer committed. Under REPEATABLE READ or SERIALIZABLE the wait would end in a
        // serialization failure instead. FOR NO KEY UPDATE is the lock the later UPDATE of Version takes
        // anyway; unlike FOR UPDATE it lets foreign-key checks on the row through.
        await db.Database.ExecuteSqlAsync(
            $"""SET TRANSACTION ISOLATION LEVEL READ COMMITTED; SELECT 1 FROM "Sessions" WHERE "Id" = {sessionId} FOR NO KEY UPDATE""",
            cancellationToken).ConfigureAwait(false);
    }
}
