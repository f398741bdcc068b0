using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Sessions.Core.Data;
using Sessions.Core.Domain;
using Sessions.Core.Events;
using Sessions.Core.Metrics;

namespace Sessions.Core.Services;

/// <summary>
/// The one way a session changes: load, let the command validate and change, bump the session's
/// version (the concurrency token) and commit in one transaction, then publish. Persist first,
/// publish second: a screen never shows what the database does not hold.
/// </summary>
/// <remarks>
/// Group commit: the commands of one session run one after the other, and those that queue up while a
/// transaction is being written are committed together in the next one (at most <see cref="MaxBatch"/>).
/// Each command still runs on its own context, sees what the commands before it wrote and is checked
/// inside the transaction that writes; a command that is refused is rolled back to its own savepoint
/// and the others go on. A caller hears of its command only after the commit, so an acknowledged vote is
/// as durable as before, while a room voting in the same second pays one fsync per batch, not per vote.
/// </remarks>
public sealed class SessionWriter(
    IDbContextFactory<SessionsDbContext> dbFactory,
    ISessionEvents events,
    SessionLocks locks,
    WriteTurns turns,
    TimeProvider time,
    SessionsMetrics metrics,
    ILogger<SessionWriter> logger)
{
    public const int MaxBatch = 100;
    private const int MaxAttempts = 5;

    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<Command>> _queues = new();

    public async Task<T> ChangeAsync<T>(
        Guid sessionId,
        Func<SessionsDbContext, WorkshopSession, Task<T>> change,
        CancellationToken cancellationToken = default)
    {
        var command = new Command(async (db, session) => await change(db, session).ConfigureAwait(false), cancellationToken);
        var queue = _queues.GetOrAdd(sessionId, _ => new ConcurrentQueue<Command>());
        queue.Enqueue(command);
        try
        {
            using var _ = await locks.EnterAsync(sessionId, cancellationToken).ConfigureAwait(false);
            // Whoever holds the lock writes what has queued up; usually that includes this command already.
            while (!command.Completion.Task.IsCompleted)
            {
                var batch = Take(queue);
                if (batch.Count == 0)
                {
                    break;
                }
                try
                {
                    await WriteAsync(sessionId, batch).ConfigureAwait(false);
                }
                finally
                {
                    // WriteAsync settles every command it took; should it ever fail to, no caller waits forever.
                    foreach (var taken in batch)
                    {
                        taken.Completion.TrySetException(new InvalidOperationException("The change could not be written; try again."));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!command.Completion.Task.IsCompleted)
        {
            if (command.Abandon())
            {
                // Gave up waiting before anyone took the command: it never runs.
                throw;
            }
            // Another writer took it already: its outcome is this command's.
        }
        finally
        {
            // A session nobody writes to keeps no queue. Safe at any moment: whoever enqueued into a queue drains
            // that very queue under the lock, and a command that comes later makes a new one.
            if (queue.IsEmpty)
            {
                _queues.TryRemove(new KeyValuePair<Guid, ConcurrentQueue<Command>>(sessionId, queue));
            }
        }
        return (T)(await command.Completion.Task.ConfigureAwait(false))!;
    }

    public Task ChangeAsync(Guid sessionId, Func<SessionsDbContext, WorkshopSession, Task> change, CancellationToken cancellationToken = default) =>
        ChangeAsync<bool>(sessionId, async (db, s) =>
        {
            await change(db, s).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>How many commands of the session wait in the queue (for tests).</summary>
    internal int Queued(Guid sessionId) => _queues.TryGetValue(sessionId, out var queue) ? queue.Count : 0;

    /// <summary>How many sessions have a queue here (for tests of what idle sessions leave behind).</summary>
    public int QueueCount => _queues.Count;

    private static List<Command> Take(ConcurrentQueue<Command> queue)
    {
        var batch = new List<Command>();
        while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
        {
            if (next.Take())
            {
                batch.Add(next);
            }
        }
        return batch;
    }

    private async Task WriteAsync(Guid sessionId, List<Command> batch)
    {
        if (batch.Count == 1)
        {
            await RunAlone(sessionId, batch[0]).ConfigureAwait(false);
            return;
        }
        var outcomes = new List<(Command Command, object? Result)>();
        var started = SessionsMetrics.Start();
        try
        {
            using var turn = await turns.TakeAsync(CancellationToken.None).ConfigureAwait(false);
            await using var first = await dbFactory.CreateDbContextAsync().ConfigureAwait(false);
            await using var transaction = await first.Database.BeginTransactionAsync().ConfigureAwait(false);
            await SessionRowLock.TakeAsync(first, sessionId, CancellationToken.None).ConfigureAwait(false);
            var connection = first.Database.GetDbConnection();
            (long Version, string JoinCode)? changed = null;
            for (var i = 0; i < batch.Count; i++)
            {
                var command = batch[i];
                var savepoint = $"command_{i}";
                await transaction.CreateSavepointAsync(savepoint).ConfigureAwait(false);
                await using var db = await dbFactory.CreateDbContextAsync().ConfigureAwait(false);
                db.Database.SetDbConnection(connection, contextOwnsConnection: false);
                await db.Database.UseTransactionAsync(transaction.GetDbTransaction()).ConfigureAwait(false);
                try
                {
                    var (result, version) = await RunAsync(db, sessionId, command, time).ConfigureAwait(false);
                    if (version is { } v)
                    {
                        changed = v;
                    }
                    outcomes.Add((command, result));
                }
                // A concurrency conflict cannot happen while this transaction holds the session; should it ever,
                // it ends the batch and each command takes the slow road (below).
                catch (Exception ex) when (ex is not DbUpdateConcurrencyException)
                {
                    await transaction.RollbackToSavepointAsync(savepoint).ConfigureAwait(false);
                    command.Completion.TrySetException(ex);
                }
            }
            await transaction.CommitAsync().ConfigureAwait(false);
            metrics.BatchCommitted(batch.Count, SessionsMetrics.Since(started));
            turn.Dispose();
            if (changed is { } done)
            {
                await PublishAsync(sessionId, done).ConfigureAwait(false);
            }
            foreach (var (command, result) in outcomes)
            {
                command.Completion.TrySetResult(result);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Session {SessionId} changed underneath a batch of {Count} commands; retrying them one by one", sessionId, batch.Count);
            foreach (var command in batch.Where(c => !c.Completion.Task.IsCompleted))
            {
                await RunAlone(sessionId, command).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // The transaction did not commit: nothing of the batch was stored.
            foreach (var command in batch)
            {
                command.Completion.TrySetException(ex);
            }
        }
    }

    /// <summary>One command in a transaction of its own, retried if the session changed underneath it.</summary>
    private async Task RunAlone(Guid sessionId, Command command)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var started = SessionsMetrics.Start();
                using var turn = await turns.TakeAsync(command.CancellationToken).ConfigureAwait(false);
                await using var db = await dbFactory.CreateDbContextAsync(command.CancellationToken).ConfigureAwait(false);
                // One transaction around reads and writes (BEGIN IMMEDIATE on SQLite): bulk deletes a command
                // runs take effect only if the whole command commits.
                await using var transaction = await db.Database.BeginTransactionAsync(command.CancellationToken).ConfigureAwait(false);
                // Other app servers: on PostgreSQL, their writers of this session wait for this transaction.
                await SessionRowLock.TakeAsync(db, sessionId, command.CancellationToken).ConfigureAwait(false);
                try
                {
                    var (result, version) = await RunAsync(db, sessionId, command, time).ConfigureAwait(false);
                    await transaction.CommitAsync(command.CancellationToken).ConfigureAwait(false);
                    metrics.BatchCommitted(1, SessionsMetrics.Since(started));
                    turn.Dispose();
                    if (version is { } done)
                    {
                        await PublishAsync(sessionId, done).ConfigureAwait(false);
                    }
                    command.Completion.TrySetResult(result);
                    return;
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                {
                    logger.LogInformation("Session {SessionId} changed underneath a command; retrying (attempt {Attempt})", sessionId, attempt);
                }
            }
        }
        catch (Exception ex)
        {
            command.Completion.TrySetException(ex);
        }
    }

    /// <summary>
    /// The change is committed: publish even if the caller has gone away meanwhile. A failure to publish
    /// is logged, never reported as a failure of commands that are stored.
    /// </summary>
    private async Task PublishAsync(Guid sessionId, (long Version, string JoinCode) change)
    {
        try
        {
            await events.PublishAsync(new SessionChanged(sessionId, change.JoinCode, change.Version), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Session {SessionId} version {Version} is stored but could not be announced", sessionId, change.Version);
        }
    }

    /// <summary>Loads the session, runs the command and saves what it changed with the version bumped (not committed).</summary>
    private static async Task<(object? Result, (long Version, string JoinCode)? Changed)> RunAsync(SessionsDbContext db, Guid sessionId, Command command, TimeProvider time)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, command.CancellationToken).ConfigureAwait(false)
            ?? throw SessionRuleException.NotFound("There is no such session (it may have been deleted).");
        var result = await command.Change(db, session).ConfigureAwait(false);
        // Commands that delete in bulk always change a tracked row too, so this sees every change.
        if (!db.ChangeTracker.HasChanges())
        {
            return (result, null);
        }
        session.Version++;
        // A write is activity: retention counts from here.
        session.LastActivityUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(command.CancellationToken).ConfigureAwait(false);
        return (result, (session.Version, session.JoinCode));
    }

    private sealed class Command(Func<SessionsDbContext, WorkshopSession, Task<object?>> change, CancellationToken cancellationToken)
    {
        private const int Queued = 0, Taken = 1, Abandoned = 2;
        private int _state;

        public Func<SessionsDbContext, WorkshopSession, Task<object?>> Change { get; } = change;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A writer takes the command; false if its caller gave up first.</summary>
        public bool Take() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        /// <summary>The caller gives up; false if a writer already took the command (it will run).</summary>
        public bool Abandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;
    }
}
