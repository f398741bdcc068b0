namespace Sessions.Core.Data;

/// <summary>
/// SQLite has one write lock for the whole file. Left to SQLite, writers that find it taken sleep and poll (the busy
/// timeout), each holding a thread, and none is sure to be next: a long writer could keep the ballots of every other
/// session waiting, or fail them with "database is locked". Writers in this process therefore take turns here first,
/// in the order they came (a waiting writer holds no thread), and a long job such as an import writes in short
/// transactions, taking a new turn for each, so the ballots that came meanwhile go in between.
/// On PostgreSQL writers of different sessions do not block one another: there are no turns to take.
/// </summary>
public sealed class WriteTurns(DatabaseProvider provider)
{
    // SemaphoreSlim releases its asynchronous waiters in the order they began to wait.
    private readonly SemaphoreSlim? _turn = provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;
    private int _waiting;

    /// <summary>How many writers wait for their turn (for tests that must know a writer got as far as waiting).</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for this writer's turn; dispose the result to end it once the transaction has committed or rolled back.</summary>
    public async ValueTask<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        if (_turn is null)
        {
            return Nothing.Instance;
        }
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new Turn(_turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
