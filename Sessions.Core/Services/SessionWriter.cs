using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Events;

namespace Sessions.Core.Services;

/// <summary>
/// The one way a session changes: load, let the command validate and change, bump the session's
/// version (the concurrency token) and commit in one transaction, then publish. Persist first,
/// publish second: a screen never shows what the database does not hold.
/// </summary>
public sealed class SessionWriter(
    IDbContextFactory<SessionsDbContext> dbFactory,
    ISessionEvents events,
    SessionLocks locks,
    ILogger<SessionWriter> logger)
{
    private const int MaxAttempts = 5;

    public async Task<T> ChangeAsync<T>(
        Guid sessionId,
        Func<SessionsDbContext, WorkshopSession, Task<T>> change,
        CancellationToken cancellationToken = default)
    {
        using var _ = await locks.EnterAsync(sessionId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            // One transaction around reads and writes (BEGIN IMMEDIATE on SQLite): bulk deletes a command
            // runs take effect only if the whole command commits.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // Other app servers: on PostgreSQL, their writers of this session wait for this transaction.
            await SessionRowLock.TakeAsync(db, sessionId, cancellationToken).ConfigureAwait(false);

            var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken).ConfigureAwait(false)
                ?? throw SessionRuleException.NotFound("There is no such session (it may have been deleted).");

            var result = await change(db, session).ConfigureAwait(false);
            // Commands that delete in bulk always change a tracked row too, so this sees every change.
            if (!db.ChangeTracker.HasChanges())
            {
                return result;
            }

            session.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                logger.LogInformation("Session {SessionId} changed underneath a command; retrying (attempt {Attempt})", sessionId, attempt);
                continue;
            }

            // The change is committed: publish even if the caller has gone away meanwhile.
            await events.PublishAsync(new SessionChanged(session.Id, session.JoinCode, session.Version), CancellationToken.None).ConfigureAwait(false);
            return result;
        }
    }

    public Task ChangeAsync(Guid sessionId, Func<SessionsDbContext, WorkshopSession, Task> change, CancellationToken cancellationToken = default) =>
        ChangeAsync<bool>(sessionId, async (db, s) =>
        {
            await change(db, s).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
